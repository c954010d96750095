package dev.qwen.api;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.aimlapiStream;
import static dev.qwen.support.Upstream.truncatedStream;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.orders.OrderTools;
import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** A repeat with the same Idempotency-Key gets the first answer: no model call, no second refund. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class IdempotencyTest extends WireTest {

    static final String PATH = "/v1/chat/completions";

    @Inject
    OrderTools tools;

    private static ValidatableResponse chat(String key, String body) {
        return given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/v1/assistant/chat").then();
    }

    private void refundThenAnswer() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("requestRefund", "{\"orderId\":\"A1002\",\"amount\":10,\"reason\":\"scratched\"}"))
                .willSetStateTo("answered"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("r").whenScenarioStateIs("answered")
                .willReturn(aimlapiReply("Refund of 10 filed.", "")));
    }

    @Test
    void aRetriedRefundTurnIsAnsweredAgainWithoutAModelCallOrASecondRefund() {
        refundThenAnswer();
        BigDecimal before = tools.getOrder("A1002", null).refunded();
        String body = "{\"sessionId\":\"idem-1\",\"message\":\"Refund 10 on A1002, it is scratched\"}";

        ExtractableResponse<Response> first = chat("key-refund-1", body).statusCode(200)
                .header("Idempotency-Replayed", nullValue()).header("X-Provider", "aimlapi")
                .body("toolCalls[0].result.status", is("PENDING")).extract();
        assertEquals(2, requests(wire).size());

        ExtractableResponse<Response> again = chat("key-refund-1", body).statusCode(200)
                .header("Idempotency-Replayed", "true").header("X-Provider", "aimlapi").extract();
        assertEquals(first.asString(), again.asString(), "the first answer, byte for byte");
        assertEquals(2, requests(wire).size(), "no model call for the repeat");
        assertEquals(0, before.add(new BigDecimal("10")).compareTo(tools.getOrder("A1002", null).refunded()),
                "one refund, not two");
    }

    /**
     * The provider fails after the refund tool ran: the 502 is not recorded, so the caller's retry with the key
     * runs the turn again, and the model asks the same refund again. It is the same write: no second refund.
     */
    @Test
    void aTurnThatFailedAfterItsRefundRunsAgainWithoutASecondRefund() {
        String refund = "{\"orderId\":\"A1002\",\"amount\":7,\"reason\":\"dented\"}";
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("again").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("requestRefund", refund)).willSetStateTo("refunded"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("again").whenScenarioStateIs("refunded")
                .willReturn(aimlapiError(400, "bad")).willSetStateTo("retried"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("again").whenScenarioStateIs("retried")
                .willReturn(toolCalls("requestRefund", refund)).willSetStateTo("refunded again"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("again").whenScenarioStateIs("refunded again")
                .willReturn(aimlapiReply("Refund of 7 filed.", "")));
        BigDecimal before = tools.getOrder("A1002", null).refunded();
        String body = "{\"message\":\"Refund 7 on A1002, it is dented\"}";

        chat("key-again-1", body).statusCode(502);
        assertEquals(0, before.add(new BigDecimal("7")).compareTo(tools.getOrder("A1002", null).refunded()),
                "the first run's refund was made");

        chat("key-again-1", body).statusCode(200).header("Idempotency-Replayed", nullValue())
                .body("toolCalls[0].result.status", is("PENDING"))
                .body("toolCalls[0].result.refundId", org.hamcrest.Matchers.startsWith("R-"));
        assertEquals(4, requests(wire).size(), "the retry ran the turn again");
        assertEquals(0, before.add(new BigDecimal("7")).compareTo(tools.getOrder("A1002", null).refunded()),
                "the same refund, made once");

        // Another key is another request: its refund is a refund of its own.
        wire.resetAll();
        refundThenAnswer();
        chat("key-again-2", "{\"message\":\"Refund 10 on A1002 too\"}").statusCode(200)
                .body("toolCalls[0].result.status", is("PENDING"));
        assertEquals(0, before.add(new BigDecimal("17")).compareTo(tools.getOrder("A1002", null).refunded()));
    }

    private static String stream(String key, String body) {
        return given().contentType("application/json").accept("text/event-stream").header("Idempotency-Key", key)
                .body(body).post("/api/v1/assistant/chat/stream").then().statusCode(200)
                .header("X-Provider", "aimlapi").extract().asString();
    }

    @Test
    void aRepeatedStreamGetsItsEventsAgainWithoutAModelCall() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aimlapiStream("", "Your parcel left on Monday.")));
        String body = "{\"sessionId\":\"idem-stream-1\",\"message\":\"Where is my parcel?\"}";

        String first = stream("key-stream-1", body);
        assertTrue(first.contains("event:token") && first.contains("event:done"), first);
        assertEquals(1, requests(wire).size());

        String again = given().contentType("application/json").accept("text/event-stream")
                .header("Idempotency-Key", "key-stream-1").body(body).post("/api/v1/assistant/chat/stream").then()
                .statusCode(200).header("Idempotency-Replayed", "true").header("X-Provider", "aimlapi")
                .contentType(org.hamcrest.Matchers.containsString("text/event-stream")).extract().asString();
        assertEquals(first, again, "the recorded events, framed alike");
        assertEquals(1, requests(wire).size(), "no model call for the repeat");
        given().get("/api/v1/assistant/sessions/idem-stream-1").then().statusCode(200)
                .body("messages.size()", is(2)); // one turn in the session, not two
    }

    @Test
    void aStreamThatFailedBeforeItsFirstEventIsItsProblemAndIsNotRecorded() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aimlapiError(400, "bad")).willSetStateTo("ok"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aimlapiStream("", "Found it.")));
        String body = "{\"message\":\"Where is my parcel?\"}";

        given().contentType("application/json").accept("text/event-stream").header("Idempotency-Key", "key-stream-2")
                .body(body).post("/api/v1/assistant/chat/stream").then().statusCode(502)
                .contentType("application/problem+json").body("code", is("provider_error"));
        String second = stream("key-stream-2", body);
        assertTrue(second.contains("event:done") && !second.contains("provider_error"), second);
        assertEquals(2, requests(wire).size(), "the retry ran");
    }

    @Test
    void aStreamThatEndedWithAnErrorEventIsNotRecorded() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(truncatedStream("Looking ", "it up")).willSetStateTo("ok"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aimlapiStream("", "Found it.")));
        String body = "{\"message\":\"Where is my box?\"}";

        String first = stream("key-stream-3", body);
        assertTrue(first.contains("event:token") && first.contains("event:error"), first);
        String second = stream("key-stream-3", body);
        assertTrue(second.contains("event:done") && !second.contains("event:error"), second);
        assertEquals(2, requests(wire).size(), "the retry ran");
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aimlapiReply("Hello.", "")));
        chat("key-reuse-1", "{\"message\":\"first body\"}").statusCode(200);

        chat("key-reuse-1", "{\"message\":\"another body\"}").statusCode(422)
                .contentType("application/problem+json").body("code", is("idempotency_key_reused"));
        assertEquals(1, requests(wire).size());
    }

    @Test
    void aRepeatWhileTheFirstRunsIs409WithRetryAfterThenTheAnswerIsReplayed() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aimlapiReply("Slow answer.", "").withFixedDelay(1500)));
        String body = "{\"message\":\"slow one\"}";
        CompletableFuture<ValidatableResponse> first = CompletableFuture.supplyAsync(() -> chat("key-slow-1", body));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(wire).size() == 1);

        chat("key-slow-1", body).statusCode(409).contentType("application/problem+json")
                .body("code", is("request_in_progress")).header("Retry-After", notNullValue());

        first.join().statusCode(200).body("answer", is("Slow answer."));
        chat("key-slow-1", body).statusCode(200).header("Idempotency-Replayed", "true").body("answer", is("Slow answer."));
        assertEquals(1, requests(wire).size());
    }

    @Test
    void aFailedAnswerIsNotRecordedSoTheSameKeyRunsAgain() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aimlapiError(400, "bad")).willSetStateTo("ok"));
        // A provider refusal is a 502: not recorded.
        String body = "{\"text\":\"Where is my parcel?\"}";
        given().contentType("application/json").header("Idempotency-Key", "key-fail-1").body(body)
                .post("/api/v1/triage").then().statusCode(502);
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("f").whenScenarioStateIs("ok")
                .willReturn(aimlapiReply("{\"category\":\"SHIPPING\",\"priority\":\"LOW\",\"sentiment\":\"NEUTRAL\","
                        + "\"summary\":\"Parcel.\",\"orderIds\":[],\"language\":\"en\"}", "")));

        given().contentType("application/json").header("Idempotency-Key", "key-fail-1").body(body)
                .post("/api/v1/triage").then().statusCode(200).header("Idempotency-Replayed", nullValue())
                .body("category", is("SHIPPING"));
        assertEquals(2, requests(wire).size());
    }

    @Test
    void keysAreScopedByCallerAndMustBePrintableAscii() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aimlapiReply("Hello.", "")));
        String body = "{\"message\":\"hello\"}";
        given().contentType("application/json").header("Idempotency-Key", "key-shared").header("Authorization", "Bearer one")
                .body(body).post("/api/v1/assistant/chat").then().statusCode(200);
        given().contentType("application/json").header("Idempotency-Key", "key-shared").header("Authorization", "Bearer two")
                .body(body).post("/api/v1/assistant/chat").then().statusCode(200)
                .header("Idempotency-Replayed", nullValue());
        assertEquals(2, requests(wire).size(), "another caller's key is another key");

        chat("k".repeat(256), body).statusCode(400).body("code", is("invalid_request"));
        chat("", body).statusCode(400).body("code", is("invalid_request"));
        assertEquals(2, requests(wire).size());
    }
}
