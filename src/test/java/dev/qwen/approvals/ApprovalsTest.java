package dev.qwen.approvals;

import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.orders.RefundLedger;
import dev.qwen.support.Profiles;
import dev.qwen.support.Profiles.Approvals;
import dev.qwen.support.SseEvents;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * A person in the loop for refunds above 100: the model's refund is held while the other calls of its reply
 * run, the turn answers {@code approval_required}, only an approver decides, the refund then runs once and the
 * turn continues; a rejection tells the model who declined and why. Over real HTTP, the model scripted.
 */
@QuarkusTest
@TestProfile(Profiles.Approvals.class)
class ApprovalsTest extends WireTest {

    @Inject
    RefundLedger ledger;

    private static ValidatableResponse chat(String key, String json) {
        return given().auth().oauth2(key).contentType("application/json").body(json).post("/api/v1/assistant/chat")
                .then();
    }

    private static ValidatableResponse decide(String key, String id, String json) {
        return given().auth().oauth2(key).contentType("application/json").body(json).post("/api/v1/approvals/" + id)
                .then();
    }

    private JsonNode sent(int i) {
        return body(requests(wire).get(i));
    }

    /** The model looks the order up and asks for a refund of {@code amount} in one reply. */
    private String heldRefund(String sessionId, String orderId, String amount) {
        script(toolCalls("getOrder", "{\"orderId\":\"" + orderId + "\"}", "requestRefund",
                "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"reason\":\"arrived broken\"}"),
                aimlapiReply("Your refund is on its way.", ""));
        return chat(Approvals.TEAM_A, "{\"sessionId\":\"" + sessionId + "\",\"message\":\"Refund " + amount + " on "
                + orderId + ", it arrived broken\"}")
                .statusCode(200)
                .body("status", is("approval_required"))
                .body("answer", nullValue())
                .body("toolCalls.size()", is(1))
                .body("toolCalls[0].name", is("getOrder"))
                .body("toolCalls[0].result.orderId", is(orderId))
                .body("approvals.size()", is(1))
                .body("approvals[0].id", startsWith("apr_"))
                .body("approvals[0].toolCall.name", is("requestRefund"))
                .body("approvals[0].toolCall.arguments.orderId", is(orderId))
                .body("approvals[0].expiresAt", not(nullValue()))
                .extract().path("approvals[0].id");
    }

    @Test
    void aRefundAboveTheThresholdWaitsAndRunsOnceWhenApproved() {
        BigDecimal before = ledger.refunded("A1002");
        String id = heldRefund("apr-s1", "A1002", "101");
        assertEquals(1, requests(wire).size(), "the turn stopped: no model call after the held refund");
        assertEquals(0, before.compareTo(ledger.refunded("A1002")), "nothing refunded yet");

        // While it waits: listed to its key and to the approvers, to nobody else; the session takes no message.
        given().auth().oauth2(Approvals.TEAM_A).get("/api/v1/approvals").then().statusCode(200)
                .body("approvals.id", hasItem(id))
                .body("approvals.find { it.id == '" + id + "' }.requestedBy", is("team-a"))
                .body("approvals.find { it.id == '" + id + "' }.sessionId", is("apr-s1"))
                .body("approvals.find { it.id == '" + id + "' }.toolCall.arguments.amount", is(101));
        given().auth().oauth2(Approvals.OPS).get("/api/v1/approvals").then().statusCode(200)
                .body("approvals.id", hasItem(id));
        given().auth().oauth2(Approvals.TEAM_B).get("/api/v1/approvals").then().statusCode(200)
                .body("approvals.id", not(hasItem(id)));
        chat(Approvals.TEAM_A, "{\"sessionId\":\"apr-s1\",\"message\":\"Any news?\"}").statusCode(409)
                .body("code", is("approval_pending")).body("detail", containsString(id));
        decide(Approvals.TEAM_A, id, "{\"decision\":\"approve\"}").statusCode(403).body("code", is("forbidden"));

        // The approver decides: the refund runs, the turn continues on the session with the usual answer.
        String answer = given().auth().oauth2(Approvals.OPS).contentType("application/json")
                .header("Idempotency-Key", "decide-" + id).body("{\"decision\":\"approve\",\"note\":\"photos ok\"}")
                .post("/api/v1/approvals/" + id).then().statusCode(200)
                .body("sessionId", is("apr-s1"))
                .body("status", is("completed"))
                .body("answer", is("Your refund is on its way."))
                .body("approvals", empty())
                .body("toolCalls[0].name", is("requestRefund"))
                .body("toolCalls[0].result.status", is("PENDING"))
                .body("toolCalls[0].result.amount", is(101.0f))
                .extract().asString();
        assertEquals(0, before.add(new BigDecimal("101")).compareTo(ledger.refunded("A1002")), "refunded once");
        List<JsonNode> results = messages(sent(1), "tool");
        assertEquals(2, results.size(), "the model sees both calls answered");
        assertTrue(results.get(1).path("content").asText().contains("PENDING"), results.toString());
        assertTrue(results.get(1).path("content").asText().contains("R-"), "the refund's own answer");

        // Decided: a repeat is 409, a repeat under the same key replays the first answer; nothing runs again.
        decide(Approvals.OPS, id, "{\"decision\":\"approve\"}").statusCode(409).body("code", is("approval_decided"));
        decide(Approvals.OPS, id, "{\"decision\":\"reject\"}").statusCode(409).body("code", is("approval_decided"));
        String replayed = given().auth().oauth2(Approvals.OPS).contentType("application/json")
                .header("Idempotency-Key", "decide-" + id).body("{\"decision\":\"approve\",\"note\":\"photos ok\"}")
                .post("/api/v1/approvals/" + id).then().statusCode(200).header("Idempotency-Replayed", "true")
                .extract().asString();
        assertEquals(answer, replayed);
        assertEquals(0, before.add(new BigDecimal("101")).compareTo(ledger.refunded("A1002")), "still once");
        assertEquals(2, requests(wire).size());
        given().auth().oauth2(Approvals.OPS).get("/api/v1/approvals").then().body("approvals.id", not(hasItem(id)));

        // The session goes on as usual.
        script(aimlapiReply("Anything else?", ""));
        chat(Approvals.TEAM_A, "{\"sessionId\":\"apr-s1\",\"message\":\"Thanks\"}").statusCode(200)
                .body("status", is("completed"));
    }

    @Test
    void aRejectionTellsTheModelWhoDeclinedAndWhy() {
        BigDecimal before = ledger.refunded("A1002");
        String id = heldRefund("apr-s2", "A1002", "120");
        wire.resetRequests();

        decide(Approvals.OPS, id, "{\"decision\":\"reject\",\"note\":\"no photos yet\"}").statusCode(200)
                .body("status", is("completed")).body("answer", is("Your refund is on its way."))
                .body("toolCalls[0].result.status", is("REJECTED"))
                .body("toolCalls[0].result.reason", is("declined by ops: no photos yet"));

        assertEquals(0, before.compareTo(ledger.refunded("A1002")), "nothing refunded");
        JsonNode result = messages(sent(0), "tool").getLast();
        assertTrue(result.path("content").asText().contains("REJECTED"), result.toString());
        assertTrue(result.path("content").asText().contains("declined by ops: no photos yet"), result.toString());
    }

    @Test
    void aRefundWithinTheThresholdRunsAtOnce() {
        script(toolCalls("requestRefund", "{\"orderId\":\"A1005\",\"amount\":10,\"reason\":\"late\"}"),
                aimlapiReply("Refunded 10.", ""));
        chat(Approvals.TEAM_A, "{\"message\":\"Refund 10 on A1005\"}").statusCode(200)
                .body("status", is("completed")).body("approvals", empty())
                .body("toolCalls[0].result.status", is("PENDING"));
    }

    @Test
    void anUnknownApprovalIsNotFoundAndAMalformedDecisionIsRefused() {
        decide(Approvals.OPS, "apr_nope", "{\"decision\":\"approve\"}").statusCode(404)
                .body("code", is("approval_not_found"));
        decide(Approvals.OPS, "apr_nope", "{\"decision\":\"maybe\"}").statusCode(400)
                .body("code", is("invalid_request")).body("detail", containsString("decision"));
    }

    @Test
    void theStreamAnnouncesTheApprovalsBeforeDone() {
        script(toolCalls("getOrder", "{\"orderId\":\"A1002\"}", "requestRefund",
                "{\"orderId\":\"A1002\",\"amount\":200,\"reason\":\"broken\"}"));
        wire.resetAll();
        script(dev.qwen.support.ServerShapes.stream("tool_calls", List.of(
                "{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"getOrder\","
                        + "\"arguments\":\"{\\\"orderId\\\":\\\"A1002\\\"}\"}},{\"index\":1,\"id\":\"c2\",\"type\":"
                        + "\"function\",\"function\":{\"name\":\"requestRefund\",\"arguments\":\"{\\\"orderId\\\":"
                        + "\\\"A1002\\\",\\\"amount\\\":200,\\\"reason\\\":\\\"broken\\\"}\"}}]}")));
        String body = given().auth().oauth2(Approvals.TEAM_A).contentType("application/json")
                .accept("text/event-stream").body("{\"sessionId\":\"apr-s3\",\"message\":\"Refund 200 on A1002\"}")
                .post("/api/v1/assistant/chat/stream").then().statusCode(200).extract().asString();

        List<SseEvents.Event> events = SseEvents.parse(body);
        List<String> names = SseEvents.names(events);
        assertEquals(List.of("tool_call", "tool_call", "tool_result", "approval_required", "done"), names);
        JsonNode held = events.get(3).data().path("approvals").get(0);
        assertTrue(held.path("id").asText().startsWith("apr_"));
        assertEquals("requestRefund", held.path("toolCall").path("name").asText());
        assertEquals("getOrder", events.get(2).data().path("name").asText());
    }

    @Test
    void decisionsAreCounted() {
        String id = heldRefund("apr-s4", "A1002", "101");
        decide(Approvals.OPS, id, "{\"decision\":\"reject\"}").statusCode(200);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("qwen_approvals_requested_total{tool=\"requestRefund\"}"), "requested counted");
        assertTrue(metrics.contains("qwen_approvals_decided_total{decision=\"reject\"}"), "decided counted");
        assertTrue(metrics.contains("qwen_approval_decision_time_seconds_count{decision=\"reject\"}"));
        assertTrue(metrics.contains("endpoint=\"/api/v1/approvals/{id}\""), "the decision's model call, by template");
        assertTrue(!metrics.contains(id), "no series per approval");
    }
}
