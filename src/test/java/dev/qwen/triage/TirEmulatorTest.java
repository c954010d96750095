package dev.qwen.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.qwen.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** QWEN_PROVIDER=tir against the emulator's TIR dialect: the same endpoints, think blocks and all. */
@QuarkusTest
@TestProfile(Profiles.TirEmulator.class)
class TirEmulatorTest {

    @Test
    void triageAndInvoiceOverTheTirDialect() {
        given().contentType("application/json").body("{\"text\":\"Where is my parcel A1001? Tracking says nothing.\"}")
                .post("/api/v1/triage").then()
                .statusCode(200)
                .header("X-Provider", "tir")
                .body("category", is("SHIPPING"))
                .body("orderIds[0]", is("A1001"));

        given().contentType("application/json")
                .body("{\"text\":\"From: Widget Co\\nInvoice no. W-1\\n2026-10-01\\n3 x Widget @ 5.00\\nTotal: 15.00 USD\"}")
                .post("/api/v1/invoices/extract").then()
                .statusCode(200)
                .header("X-Provider", "tir")
                .body("vendor", is("Widget Co"))
                .body("currency", is("USD"))
                .body("subtotal", is(15.0f));

        given().get("/api/v1/providers").then().statusCode(200)
                .body("primary", is("tir"))
                .body("providers[0].baseUrl", containsString("/emulator/tir/project/p-1234/genai/qwen3_32b/v1"));
    }
}
