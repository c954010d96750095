package dev.qwen.api;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        BigDecimal before = tools.getOrder("A1002").refunded();
        String body = "{\"sessionId\":\"idem-1\",\"message\":\"Refund 10 on A1002, it is scratched\"}";

        ExtractableResponse<Response> first = chat("key-refund-1", body).statusCode(200)
                .header("Idempotency-Replayed", nullValue()).header("X-Provider", "aimlapi")
                .body("toolCalls[0].result.status", is("PENDING")).extract();
        assertEquals(2, requests(wire).size());

        ExtractableResponse<Response> again = chat("key-refund-1", body).statusCode(200)
                .header("Idempotency-Replayed", "true").header("X-Provider", "aimlapi").extract();
        assertEquals(first.asString(), again.asString(), "the first answer, byte for byte");
        assertEquals(2, requests(wire).size(), "no model call for the repeat");
        assertEquals(0, before.add(new BigDecimal("10")).compareTo(tools.getOrder("A1002").refunded()),
                "one refund, not two");
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
