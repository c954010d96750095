package dev.qwen.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Dev mode end to end: the typed endpoints answer through the built-in emulator (AI/ML API dialect), as
 * {@code ./mvnw quarkus:dev} serves them. The category, priority, language and invoice fields asserted here
 * are the emulator's decisions (its rules stand in for the model); what the service itself does with a typed
 * call (the request it sends, reasoning kept out, the repair round) is held by the wire tests against a
 * scripted provider ({@code AimlApiWireTest}, {@code TirWireTest}, {@code InvoiceWireTest}).
 */
@QuarkusTest
class TriageEmulatorTest {

    @Test
    void triageThroughTheEmulator() {
        given().contentType("application/json")
                .body("{\"text\":\"My order A1002 arrived broken and I want a refund. Orders A1002 and A1005.\"}")
                .post("/api/v1/triage").then()
                .statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("category", is("REFUND"))
                .body("priority", is("HIGH"))
                .body("sentiment", is("NEGATIVE"))
                .body("orderIds", contains("A1002", "A1005"))
                .body("language", is("en"))
                .body("summary", containsString("refund"));
    }

    @Test
    void germanMessageIsDetected() {
        given().contentType("application/json")
                .body("{\"text\":\"Wo ist meine Bestellung? Ich warte schon lange und die Lieferung ist nicht da.\"}")
                .post("/api/v1/triage").then()
                .statusCode(200)
                .body("language", is("de"))
                .body("orderIds", empty());
    }

    @Test
    void invoiceThroughTheEmulator() {
        String text = "Vendor: ACME GmbH\\nInvoice number: INV-2026-001\\nDate: 02.11.2026\\n"
                + "2 x USB-C Hub @ 39.90 = 79.80\\n1 x Cable @ 9.90 = 9.90\\nSubtotal: 89.70\\nVAT 19%: 17.04\\n"
                + "Total: 106.74 EUR";
        given().contentType("application/json").body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/invoices/extract").then()
                .statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("vendor", is("ACME GmbH"))
                .body("invoiceNumber", is("INV-2026-001"))
                .body("issueDate", is("2026-11-02"))
                .body("currency", is("EUR"))
                .body("lineItems.size()", is(2))
                .body("lineItems[1].description", is("Cable"))
                .body("total", is(106.74f));
    }

    @Test
    void inconsistentInvoiceTextEndsIn422AfterOneCorrection() {
        String text = "Vendor: ACME\\nInvoice number: 9\\n2 x Hub @ 10.00 = 20.00\\nSubtotal: 20.00\\nTax: 2.00\\n"
                + "Total: 25.00 EUR";
        given().contentType("application/json").body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/invoices/extract").then()
                .statusCode(422)
                .body("code", is("inconsistent_output"))
                .body("extraction.total", is(25.0f));
    }

    @Test
    void providersShowsPrimaryAndCircuitWithoutKeys() {
        String body = given().get("/api/v1/providers").then()
                .statusCode(200)
                .header("X-Provider", nullValue())
                .body("primary", is("aimlapi"))
                .body("fallback", nullValue())
                .body("providers[0].name", is("aimlapi"))
                .body("providers[0].model", is("alibaba/qwen3-32b"))
                .body("providers[0].circuit", is("CLOSED"))
                .body("providers[0].baseUrl", containsString("/emulator/aimlapi/v1"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("test-aimlapi-key"));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/triage"));
    }
}
