package dev.qwen.state;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.aimlapiStream;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.support.EmbeddedRedis;
import dev.qwen.support.PackagedService;
import io.restassured.response.ValidatableResponse;
import redis.embedded.RedisServer;

/**
 * Two packaged instances on one real Redis, the provider a WireMock in this JVM: an Idempotency-Key answered
 * on one replica is replayed by the other (no model call, no second refund); the turns of one session queue
 * across replicas (then 409 session_busy); a Redis outage is 503 state_unavailable for stateful calls only and
 * heals by itself; SIGTERM drains (readiness DOWN, new calls 503, the call in flight answered).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasResilienceIT {

    static final String PATH = "/v1/chat/completions";
    static RedisServer redis;
    static int redisPort;
    static WireMockServer wire;
    static final Map<Integer, Process> instances = new HashMap<>();
    static int a;
    static int b;

    @BeforeAll
    static void startAll() {
        redisPort = EmbeddedRedis.freePort();
        redis = EmbeddedRedis.start(redisPort);
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        a = EmbeddedRedis.freePort();
        b = EmbeddedRedis.freePort();
        start(a);
        start(b);
    }

    @AfterAll
    static void stopAll() throws IOException {
        instances.values().forEach(Process::destroyForcibly);
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
        if (wire != null) {
            wire.stop();
        }
    }

    static void start(int port) {
        instances.put(port, PackagedService.start(port, "resilience", Map.of(
                "QWEN_AIMLAPI_BASE_URL", "http://127.0.0.1:" + wire.port() + "/v1",
                "QWEN_AIMLAPI_API_KEY", "it-key-not-secret",
                "QWEN_MAX_RETRIES", "0",
                "QWEN_STATE", "redis",
                "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort,
                "QUARKUS_REDIS_TIMEOUT", "2s",
                "QWEN_SESSION_LOCK_WAIT", "1s",
                "QUARKUS_LOG_CONSOLE_JSON", "false")));
    }

    static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    static ValidatableResponse chat(int port, String key, String body) {
        var request = given().baseUri(base(port)).contentType("application/json").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/assistant/chat").then();
    }

    static int upstreamCalls(String marker) {
        return wire.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(containing(marker))).size();
    }

    @Test
    @Order(0)
    void thePackagedServiceAnswersMalformedRequestsWithProblems() {
        for (String target : List.of("/api/v1/%zz", "/api/v1/providers?a=%zz", "/api/v1/triage/<x>",
                "/api/v1/providers?q=" + "a".repeat(10_000))) {
            dev.qwen.support.RawHttp.Response refused = dev.qwen.support.RawHttp.send(a, "GET", target, Map.of(), null);
            assertTrue(refused.status() >= 400 && refused.status() < 500, target + " -> " + refused.status());
            assertTrue(refused.header("content-type").startsWith("application/problem+json"), target);
            assertTrue(refused.body().contains("\"code\":\"invalid_request\""), refused.body());
        }
        dev.qwen.support.RawHttp.Response twice = dev.qwen.support.RawHttp.send(a, "POST", "/api/v1/triage",
                Map.of("Content-Type", "application/json"), "{\"text\":\"a\",\"text\":\"b\"}".getBytes());
        assertEquals(400, twice.status(), twice.body());
        assertEquals(0, wire.getAllServeEvents().size(), "nothing malformed reached the provider");
    }

    @Test
    @Order(1)
    void anIdempotentRefundTurnAnsweredByOneReplicaIsReplayedByTheOther() {
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("refund-it")).inScenario("r")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("requestRefund", "{\"orderId\":\"A1002\",\"amount\":10,\"reason\":\"refund-it\"}"))
                .willSetStateTo("answered"));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("refund-it")).inScenario("r")
                .whenScenarioStateIs("answered").willReturn(aimlapiReply("Refund filed.", "")));
        String body = "{\"sessionId\":\"it-idem\",\"message\":\"refund-it: 10 on A1002 please\"}";

        String first = chat(a, "it-key-1", body).statusCode(200).header("X-Provider", "aimlapi").extract().asString();
        String again = chat(b, "it-key-1", body).statusCode(200).header("Idempotency-Replayed", "true")
                .header("X-Provider", "aimlapi").extract().asString();

        assertEquals(first, again);
        assertEquals(2, upstreamCalls("refund-it"), "the replay on the other replica called no model");
        // One turn in the session (the replay added none), and its one refund was accepted.
        given().baseUri(base(b)).get("/api/v1/assistant/sessions/it-idem").then().statusCode(200)
                .body("messages.role", is(List.of("user", "assistant", "tool", "assistant")))
                .body("messages[2].content", org.hamcrest.Matchers.containsString("PENDING"));
    }

    /**
     * The provider fails on replica A after the refund tool ran (a 502, not recorded); the client retries with its
     * key on replica B, the turn runs again and the model asks the same refund: it is made once, on any replica.
     */
    @Test
    @Order(1)
    void aRefundTurnThatFailedOnOneReplicaRunsAgainOnTheOtherWithoutASecondRefund() {
        String refund = "{\"orderId\":\"A1005\",\"amount\":7,\"reason\":\"again-it\"}";
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("again-it")).inScenario("again")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(toolCalls("requestRefund", refund))
                .willSetStateTo("refunded"));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("again-it")).inScenario("again")
                .whenScenarioStateIs("refunded").willReturn(aimlapiError(400, "bad")).willSetStateTo("retried"));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("again-it")).inScenario("again")
                .whenScenarioStateIs("retried").willReturn(toolCalls("requestRefund", refund))
                .willSetStateTo("refunded again"));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("again-it")).inScenario("again")
                .whenScenarioStateIs("refunded again").willReturn(aimlapiReply("Refund filed.", "")));
        String body = "{\"message\":\"again-it: refund 7 on A1005\"}";

        chat(a, "it-key-again", body).statusCode(502).body("code", is("provider_error"));
        chat(b, "it-key-again", body).statusCode(200).header("Idempotency-Replayed", (String) null)
                .body("toolCalls[0].result.status", is("PENDING"));
        assertEquals(4, upstreamCalls("again-it"), "the retry ran the turn again");

        // What the ledger in Redis holds, as the getOrder tool reports it: 9.90 from the demo data plus 7, once.
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("check-it")).inScenario("check")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(toolCalls("getOrder", "{\"orderId\":\"A1005\"}"))
                .willSetStateTo("looked"));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("check-it")).inScenario("check")
                .whenScenarioStateIs("looked").willReturn(aimlapiReply("Here it is.", "")));
        chat(a, null, "{\"message\":\"check-it: how much was refunded on A1005?\"}").statusCode(200)
                .body("toolCalls[0].result.refunded", is(16.9f));
    }

    @Test
    @Order(1)
    void aFinishedStreamIsReplayedByTheOtherReplica() {
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("stream-it"))
                .willReturn(aimlapiStream("", "Your parcel left on Monday.")));
        String body = "{\"message\":\"stream-it: where is my parcel?\"}";

        String first = given().baseUri(base(a)).contentType("application/json").accept("text/event-stream")
                .header("Idempotency-Key", "it-key-stream").body(body).post("/api/v1/assistant/chat/stream").then()
                .statusCode(200).extract().asString();
        String again = given().baseUri(base(b)).contentType("application/json").accept("text/event-stream")
                .header("Idempotency-Key", "it-key-stream").body(body).post("/api/v1/assistant/chat/stream").then()
                .statusCode(200).header("Idempotency-Replayed", "true").header("X-Provider", "aimlapi")
                .extract().asString();

        assertTrue(first.contains("event:token") && first.contains("event:done"), first);
        assertEquals(first, again, "the recorded events");
        assertEquals(1, upstreamCalls("stream-it"), "the replay on the other replica called no model");
    }

    @Test
    @Order(2)
    void turnsOfOneSessionQueueAcrossReplicasThenTheLaterOneIsBusy() {
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("lease-it first"))
                .willReturn(aimlapiReply("First done.", "").withFixedDelay(4000)));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("lease-it third"))
                .willReturn(aimlapiReply("Third done.", "")));

        CompletableFuture<ValidatableResponse> first = CompletableFuture
                .supplyAsync(() -> chat(a, null, "{\"sessionId\":\"it-lease\",\"message\":\"lease-it first\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> upstreamCalls("lease-it first") == 1);

        chat(b, null, "{\"sessionId\":\"it-lease\",\"message\":\"lease-it second\"}").statusCode(409)
                .body("code", is("session_busy")).header("Retry-After", notNullValue());
        assertEquals(0, upstreamCalls("lease-it second"));

        first.join().statusCode(200);
        chat(b, null, "{\"sessionId\":\"it-lease\",\"message\":\"lease-it third\"}").statusCode(200);
        given().baseUri(base(a)).get("/api/v1/assistant/sessions/it-lease").then().statusCode(200)
                .body("messages.content", is(List.of("lease-it first", "First done.", "lease-it third", "Third done.")));
    }

    @Test
    @Order(3)
    void aRedisOutageIs503ForStatefulCallsOnlyAndHealsWithoutARestart() throws IOException {
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("triage-it")).willReturn(aimlapiReply(
                "{\"category\":\"SHIPPING\",\"priority\":\"LOW\",\"sentiment\":\"NEUTRAL\",\"summary\":\"x\","
                        + "\"orderIds\":[],\"language\":\"en\"}", "")));
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("outage-it"))
                .willReturn(aimlapiReply("Back.", "")));
        redis.stop();
        try {
            chat(a, null, "{\"sessionId\":\"it-outage\",\"message\":\"outage-it\"}").statusCode(503)
                    .contentType("application/problem+json").body("code", is("state_unavailable"))
                    .header("Retry-After", notNullValue());
            chat(b, "it-key-outage", "{\"message\":\"outage-it\"}").statusCode(503).body("code", is("state_unavailable"));
            given().baseUri(base(b)).contentType("application/json").body("{\"text\":\"triage-it parcel\"}")
                    .post("/api/v1/triage").then().statusCode(200).body("category", is("SHIPPING"));
            assertEquals(0, upstreamCalls("outage-it"));
        } finally {
            redis = EmbeddedRedis.start(redisPort);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(
                () -> chat(a, null, "{\"sessionId\":\"it-outage\",\"message\":\"outage-it\"}").extract().statusCode() == 200);
        chat(b, null, "{\"sessionId\":\"it-outage\",\"message\":\"outage-it\"}").statusCode(200);
    }

    @Test
    @Order(4)
    void sigtermDrainsTheCallInFlightAndRefusesNewOnes() throws Exception {
        wire.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing("drain-it"))
                .willReturn(aimlapiReply("Drained.", "").withFixedDelay(4000)));
        CompletableFuture<ValidatableResponse> inFlight = CompletableFuture
                .supplyAsync(() -> chat(b, null, "{\"message\":\"drain-it\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> upstreamCalls("drain-it") == 1);

        Process process = instances.remove(b);
        process.destroy(); // SIGTERM

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> given().baseUri(base(b)).get("/q/health/ready").statusCode() == 503);
        chat(b, null, "{\"message\":\"too late\"}").statusCode(503).contentType("application/problem+json")
                .body("code", is("shutting_down"));
        inFlight.join().statusCode(200).body("answer", is("Drained."));
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        assertEquals(0, upstreamCalls("too late"));
    }
}
