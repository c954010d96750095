package dev.qwen.workflow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The workflow as dev mode shows it, through the emulator. */
@QuarkusTest
class OrderReviewEmulatorTest {

    @Test
    void reviewThroughTheEmulator() {
        given().contentType("application/json")
                .body("{\"orderIds\":[\"A1001\",\"A1003\",\"X9999\"],\"question\":\"Which orders need attention?\"}")
                .post("/api/v1/workflows/order-review").then()
                .statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("orders.orderId", contains("A1001", "A1003", "X9999"))
                .body("orders.status", contains("SHIPPED", "PAID", "NOT_FOUND"))
                .body("orders[1].problem", is("not shipped yet"));
    }
}
