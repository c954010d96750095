package dev.qwen.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the capability switch off ({@code qwen.aimlapi.json-schema=false}) the service asks for
 * {@code json_object} and writes the schema into the system message: the emulator reads the task from there.
 */
@QuarkusTest
@TestProfile(JsonObjectModeTest.JsonObject.class)
class JsonObjectModeTest {

    public static class JsonObject implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.aimlapi.json-schema", "false");
        }
    }

    @Test
    void everyTypedEndpointWorksFromTheSchemaInThePrompt() {
        given().contentType("application/json").body("{\"text\":\"Where is my parcel A1001? Tracking says nothing.\"}")
                .post("/api/v1/triage").then().statusCode(200)
                .body("category", is("SHIPPING")).body("orderIds", contains("A1001"));

        given().contentType("application/json")
                .body(Map.of("text", "From: Widget Co\nInvoice no. W-1\n2026-10-01\n3 x Widget @ 5.00\nTotal: 15.00 USD"))
                .post("/api/v1/invoices/extract").then().statusCode(200)
                .body("vendor", is("Widget Co")).body("subtotal", is(15.0f)).body("total", is(15.0f));

        given().contentType("application/json").body("{\"orderIds\":[\"A1001\",\"A1003\"]}")
                .post("/api/v1/workflows/order-review").then().statusCode(200)
                .body("orders.status", contains("SHIPPED", "PAID"))
                .body("orders[1].problem", is("not shipped yet"));
    }
}
