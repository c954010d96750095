package dev.qwen.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.orders.RefundLedger;
import dev.qwen.support.Profiles;
import dev.qwen.support.Profiles.Tenants;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Two keys share one deployment and their end customers share the order data: a session exists only for
 * the key (and customer) that started it, and the tools act on the named customer's orders only, whatever
 * the model asks. The model here is scripted to reach past its customer in every tool and in the review.
 */
@QuarkusTest
@TestProfile(Profiles.Tenants.class)
class TenancyTest extends WireTest {

    static final String PATH = "/v1/chat/completions";

    @Inject
    RefundLedger ledger;


    private static ValidatableResponse chat(String key, String json) {
        return given().auth().oauth2(key).contentType("application/json").body(json).post("/api/v1/assistant/chat")
                .then();
    }

    private JsonNode sent(int i) {
        return body(requests(wire).get(i));
    }

    @Test
    void aSessionExistsOnlyForTheKeyThatStartedIt() {
        script(aimlapiReply("Noted, I will ship to your home address.", ""));
        chat(Tenants.TEAM_A, "{\"sessionId\":\"cust-77\",\"customerId\":\"C-100\",\"message\":\"My home address is 1 Elm St.\"}")
                .statusCode(200);
        int calls = requests(wire).size();

        given().auth().oauth2(Tenants.TEAM_B).get("/api/v1/assistant/sessions/cust-77").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("session_not_found"));
        given().auth().oauth2(Tenants.TEAM_B).delete("/api/v1/assistant/sessions/cust-77").then().statusCode(404)
                .body("code", is("session_not_found"));
        chat(Tenants.TEAM_B, "{\"sessionId\":\"cust-77\",\"customerId\":\"C-100\",\"message\":\"What is my address?\"}")
                .statusCode(404).body("code", is("session_not_found"));
        assertEquals(calls, requests(wire).size(), "another key's turn never reaches the model");

        given().auth().oauth2(Tenants.TEAM_A).get("/api/v1/assistant/sessions/cust-77").then().statusCode(200)
                .body("messages[0].content", is("My home address is 1 Elm St."))
                .body("messages.size()", is(2));
        given().auth().oauth2(Tenants.TEAM_A).delete("/api/v1/assistant/sessions/cust-77").then().statusCode(204);
        given().auth().oauth2(Tenants.TEAM_A).get("/api/v1/assistant/sessions/cust-77").then().statusCode(404);
    }

    @Test
    void aSessionIdReusedForAnotherCustomerIsNotFound() {
        script(aimlapiReply("Hello!", ""));
        chat(Tenants.TEAM_A, "{\"sessionId\":\"ticket-9\",\"customerId\":\"C-100\",\"message\":\"hi\"}").statusCode(200);

        chat(Tenants.TEAM_A, "{\"sessionId\":\"ticket-9\",\"customerId\":\"C-200\",\"message\":\"hi\"}").statusCode(404)
                .body("code", is("session_not_found"));
        chat(Tenants.TEAM_A, "{\"sessionId\":\"ticket-9\",\"customerId\":\"C-100\",\"message\":\"again\"}").statusCode(200);
    }

    @Test
    void withCustomersRequiredACallWithoutOneIsRefused() {
        chat(Tenants.TEAM_A, "{\"message\":\"Where is A1001?\"}").statusCode(400)
                .body("code", is("invalid_request")).body("detail", org.hamcrest.Matchers.containsString("customerId"));
        given().auth().oauth2(Tenants.TEAM_A).contentType("application/json").body("{\"orderIds\":[\"A1001\"]}")
                .post("/api/v1/workflows/order-review").then().statusCode(400).body("code", is("invalid_request"));
        chat(Tenants.TEAM_A, "{\"message\":\"x\",\"customerId\":\"not a customer!\"}").statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("customerId"));
        assertTrue(requests(wire).isEmpty());
    }

    @Test
    void everyToolTreatsAnotherCustomersOrderAsUnknown() {
        // A1002 is C-200's delivered order; the model, prompted by C-100, asks for it in every tool.
        script(toolCalls("getOrder", "{\"orderId\":\"A1002\"}", "trackShipment", "{\"orderId\":\"A1002\"}",
                "requestRefund", "{\"orderId\":\"A1002\",\"amount\":50,\"reason\":\"broken\"}",
                "getOrder", "{\"orderId\":\"A1001\"}"),
                aimlapiReply("I can only see your own order A1001.", ""));
        BigDecimal refundedBefore = ledger.refunded("A1002");

        chat(Tenants.TEAM_A, "{\"customerId\":\"C-100\",\"message\":\"Also refund A1002, and where is it?\"}")
                .statusCode(200)
                .body("toolCalls[0].result.status", is("NOT_FOUND"))
                .body("toolCalls[0].result.items", nullValue())
                .body("toolCalls[0].result.customerId", nullValue())
                .body("toolCalls[1].result.status", is("NOT_FOUND"))
                .body("toolCalls[1].result.carrier", nullValue())
                .body("toolCalls[2].result.status", is("REJECTED"))
                .body("toolCalls[2].result.reason", is("order not found"))
                .body("toolCalls[3].result.status", is("SHIPPED"))
                .body("toolCalls[3].result.customerId", is("C-100"));

        assertEquals(0, refundedBefore.compareTo(ledger.refunded("A1002")), "the ledger is unchanged");
        List<JsonNode> results = messages(sent(1), "tool");
        assertEquals(4, results.size());
        for (JsonNode result : results.subList(0, 3)) {
            String text = result.path("content").asText();
            assertFalse(text.contains("Headphones") || text.contains("C-200") || text.contains("249"),
                    "nothing of the other customer's order reaches the model: " + text);
        }
    }

    @Test
    void theReviewShowsAnotherCustomersOrderAsNotFound() {
        script(toolCalls("getOrder", "{\"orderId\":\"A1001\"}", "getOrder", "{\"orderId\":\"A1002\"}"),
                aimlapiReply("A1001 is on its way; A1002 was not found.", ""),
                // The typed step claims A1002 is delivered: the data, scoped to the customer, has the last word.
                aimlapiReply("{\"orders\":[{\"orderId\":\"A1001\",\"status\":\"SHIPPED\",\"carrier\":\"DHL\","
                        + "\"eta\":\"2026-11-25\",\"problem\":null},{\"orderId\":\"A1002\",\"status\":\"DELIVERED\","
                        + "\"carrier\":\"UPS\",\"eta\":null,\"problem\":null}],\"summary\":\"ok\",\"suggestedActions\":[]}",
                        ""));

        given().auth().oauth2(Tenants.TEAM_A).contentType("application/json")
                .body("{\"orderIds\":[\"A1001\",\"A1002\"],\"customerId\":\"C-100\"}")
                .post("/api/v1/workflows/order-review").then().statusCode(200)
                .body("orders[0].status", is("SHIPPED"))
                .body("orders[1].orderId", is("A1002"))
                .body("orders[1].status", is("NOT_FOUND"))
                .body("orders[1].carrier", nullValue());

        List<JsonNode> results = messages(sent(1), "tool");
        assertTrue(results.get(1).path("content").asText().contains("NOT_FOUND"));
    }
}
