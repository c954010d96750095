package dev.qwen.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.aimlapiStream;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.truncatedStream;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * One test per provider fault, over real HTTP against a scripted provider: what is retried, what is not,
 * what the caller gets. Profile: timeout 1 s, 2 retries, circuit of 4 calls at 75 %, one call at a time.
 */
@QuarkusTest
@TestProfile(Profiles.Resilience.class)
class FaultInjectionTest extends WireTest {

    static final String PATH = "/v1/chat/completions";
    static final String TRIAGE_JSON = "{\"category\":\"OTHER\",\"priority\":\"LOW\",\"sentiment\":\"NEUTRAL\","
            + "\"summary\":\"Hi.\",\"orderIds\":[],\"language\":\"en\"}";


    private void replies(ResponseDefinitionBuilder reply) {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(reply));
    }

    /** The first reply once, then the second for ever. */
    private void firstThen(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("then"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("f").whenScenarioStateIs("then").willReturn(then));
    }

    private static ValidatableResponse triage() {
        return given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then();
    }

    @Test
    void rateLimitWithRetryAfterIsHonouredAndPassedOn() {
        replies(aimlapiError(429, "slow down").withHeader("Retry-After", "1"));

        triage().statusCode(429).body("code", is("rate_limited")).header("Retry-After", "1");
        assertEquals(3, requests(wire).size(), "429 is retried qwen.max-retries times");
    }

    @Test
    void rateLimitWithAnHttpDateRetryAfterIsRead() {
        String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
        firstThen(aimlapiError(429, "slow down").withHeader("Retry-After", inOneSecond),
                aimlapiReply(TRIAGE_JSON, ""));

        triage().statusCode(200);
        assertEquals(2, requests(wire).size());
    }

    @Test
    void rateLimitWithoutRetryAfterBacksOffThenAnswers429WithOurRetryAfter() {
        replies(aimlapiError(429, "slow down"));

        triage().statusCode(429).body("code", is("rate_limited")).header("Retry-After", "5");
        assertEquals(3, requests(wire).size());
    }

    @Test
    void a500IsRetriedAndRecovers() {
        firstThen(aimlapiError(500, "oops"), aimlapiReply(TRIAGE_JSON, ""));

        triage().statusCode(200).header("X-Provider", "aimlapi");
        assertEquals(2, requests(wire).size());
    }

    @Test
    void a503ThatStaysIs503ProviderUnavailable() {
        replies(aimlapiError(503, "down"));

        triage().statusCode(503).body("code", is("provider_unavailable"));
        assertEquals(3, requests(wire).size());
    }

    @Test
    void a400IsNeverRetried() {
        replies(aimlapiError(400, "bad body"));

        triage().statusCode(502).body("code", is("provider_error"));
        assertEquals(1, requests(wire).size());
    }

    @Test
    void a403CreditsExhaustedIsNotRetried() {
        replies(aimlapiError(403, "credits exhausted"));

        triage().statusCode(502).body("code", is("provider_error"));
        assertEquals(1, requests(wire).size(), "403 means no credits: retrying cannot help");
    }

    @Test
    void aSlowProviderTimesOutAfterRetriesWith504() {
        replies(aimlapiReply(TRIAGE_JSON, "").withFixedDelay(2500));

        triage().statusCode(504).body("code", is("provider_timeout"));
    }

    @Test
    void aConnectionResetIsRetriedAndRecovers() {
        firstThen(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aimlapiReply(TRIAGE_JSON, ""));

        triage().statusCode(200);
        assertEquals(2, requests(wire).size());
    }

    @Test
    void aMalformedJsonBodyIsAProviderFaultNotACrash() {
        replies(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\": \"x\", \"choi"));

        triage().statusCode(503).body("code", is("provider_unavailable"));
    }

    @Test
    void aTruncatedStreamEndsWithAnErrorEvent() {
        replies(truncatedStream("Order ", "A1001 ", "is "));

        String body = given().contentType("application/json").accept("text/event-stream")
                .body("{\"message\":\"Where is A1001?\",\"toolChoice\":\"none\"}")
                .post("/api/v1/assistant/chat/stream").then().statusCode(200).extract().asString();

        assertTrue(body.contains("event:token"), body);
        String last = body.strip().substring(body.strip().lastIndexOf("event:"));
        assertTrue(last.startsWith("event:error") && last.contains("\"code\":\"provider_unavailable\""), body);
        assertTrue(!body.contains("event:done"), body);
        assertEquals(1, requests(wire).size(), "tokens were already sent: no retry");
    }

    @Test
    void aThinkingStreamCutBeforeTheCallerSawAnythingIsRetried() {
        firstThen(truncatedStream("Order ", "A1001 "), aimlapiStream("Thinking. ", "All fine."));

        given().contentType("application/json").body("{\"message\":\"hi\",\"thinking\":true,\"toolChoice\":\"none\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200).body("answer", is("All fine."));
        assertEquals(2, requests(wire).size(), "nothing reached the caller, so the cut stream is retried");
    }

    @Test
    void theCircuitOpensStopsCallingAndRecoversThroughHalfOpen() {
        replies(aimlapiError(503, "down"));
        triage().statusCode(503);
        triage().statusCode(503);
        int sent = requests(wire).size();

        given().get("/api/v1/providers").then().body("providers[0].circuit", is("OPEN"));
        given().get("/q/health/ready").then().statusCode(503);
        triage().statusCode(503).body("code", is("provider_unavailable"));
        assertEquals(sent, requests(wire).size(), "an open circuit sends nothing");

        wire.resetAll();
        replies(aimlapiReply(TRIAGE_JSON, ""));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> triage().extract().statusCode() == 200);
        given().get("/api/v1/providers").then().body("providers[0].circuit", is("CLOSED"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void overTheConcurrencyLimitCallsAreShedWith503AndRetryAfter() {
        replies(aimlapiReply(TRIAGE_JSON, "").withFixedDelay(800));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> triage().extract().statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> requests(wire).size() == 1);

        triage().statusCode(503).body("code", is("provider_unavailable")).header("Retry-After", "1");

        assertEquals(200, first.join());
        assertEquals(1, requests(wire).size(), "the shed call never reached the provider");
    }
}
