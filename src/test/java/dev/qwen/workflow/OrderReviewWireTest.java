package dev.qwen.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Order review on the wire: parallel tool calls offered, then a typed review the data keeps honest. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class OrderReviewWireTest extends WireTest {

    static final String PATH = "/v1/chat/completions";


    @Test
    void everyRequestedIdAppearsOnceAndUnknownIdsAreNotFound() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("review").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("getOrder", "{\"orderId\":\"A1001\"}", "trackShipment", "{\"orderId\":\"A1001\"}",
                        "getOrder", "{\"orderId\":\"Q0000\"}"))
                .willSetStateTo("looked-up"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("review").whenScenarioStateIs("looked-up")
                .willReturn(aimlapiReply("A1001 is on its way; Q0000 does not exist.", "")).willSetStateTo("typed"));
        // The typed answer repeats A1001, invents a status for Q0000, forgets A1003 and adds an order nobody asked for.
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("review").whenScenarioStateIs("typed")
                .willReturn(aimlapiReply("""
                        {"orders":[
                          {"orderId":"A1001","status":"DELIVERED","carrier":"DHL","eta":"2026-11-25","problem":null},
                          {"orderId":"A1001","status":"SHIPPED","carrier":"DHL","eta":"2026-11-25","problem":"dup"},
                          {"orderId":"Q0000","status":"SHIPPED","carrier":"UPS","eta":"2026-12-01","problem":null},
                          {"orderId":"A1006","status":"PLACED","carrier":null,"eta":null,"problem":null}],
                         "summary":"Mostly fine.","suggestedActions":["Ask about Q0000"]}""", "")));

        given().contentType("application/json")
                .body("{\"orderIds\":[\"A1001\",\"Q0000\",\"A1003\",\"A1001\"],\"question\":\"Anything late?\"}")
                .post("/api/v1/workflows/order-review").then()
                .statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("orders.orderId", contains("A1001", "Q0000", "A1003"))
                .body("orders[0].status", is("SHIPPED"))
                .body("orders[0].carrier", is("DHL"))
                .body("orders[1].status", is("NOT_FOUND"))
                .body("orders[1].carrier", nullValue())
                .body("orders[2].status", is("PAID"))
                .body("summary", is("Mostly fine."))
                .body("suggestedActions[0]", is("Ask about Q0000"));

        assertEquals(3, requests(wire).size());
        JsonNode lookup = body(requests(wire).get(0));
        assertTrue(lookup.path("parallel_tool_calls").asBoolean(false), "parallel_tool_calls: true");
        assertEquals("auto", lookup.path("tool_choice").asText());
        assertEquals(3, messages(body(requests(wire).get(1)), "tool").size());
        JsonNode typed = body(requests(wire).get(2));
        assertEquals("json_schema", typed.path("response_format").path("type").asText());
        assertTrue(typed.path("messages").toString().contains("JD014600006281"), "tool results feed the typed step");
    }

    @Test
    void badReviewInputIs400() {
        given().contentType("application/json").body("{\"orderIds\":[]}").post("/api/v1/workflows/order-review")
                .then().statusCode(400).body("code", is("invalid_request"));
        given().contentType("application/json").body("{\"orderIds\":[\"A1\",\"A2\",\"A3\",\"A4\",\"A5\",\"A6\",\"A7\","
                + "\"A8\",\"A9\",\"A10\",\"A11\",\"A12\",\"A13\",\"A14\",\"A15\",\"A16\",\"A17\",\"A18\",\"A19\",\"A20\",\"A21\"]}")
                .post("/api/v1/workflows/order-review").then().statusCode(400);
        given().contentType("application/json").body("{\"orderIds\":[\"\"]}").post("/api/v1/workflows/order-review")
                .then().statusCode(400);
        assertEquals(0, requests(wire).size());
    }
}
