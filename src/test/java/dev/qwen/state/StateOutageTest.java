package dev.qwen.state;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.orders.RedisRefundLedger;
import dev.qwen.support.EmbeddedRedis;
import dev.qwen.support.WireMockProvider;
import dev.qwen.support.WireTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import redis.embedded.RedisServer;

/**
 * qwen.state=redis with a real redis-server that the tests stop and start: calls needing state answer
 * {@code 503 state_unavailable} with Retry-After and write nothing, calls needing none keep working, and the
 * service recovers by itself. Also the session lease: a turn waits for the one before it, then 409.
 */
@QuarkusTest
@TestProfile(StateOutageTest.OnStoppableRedis.class)
class StateOutageTest extends WireTest {

    /** A redis-server the test can stop and start again on the same port. */
    public static class StoppableRedis implements QuarkusTestResourceLifecycleManager {
        static int port;
        static RedisServer server;

        @Override
        public Map<String, String> start() {
            port = EmbeddedRedis.freePort();
            server = EmbeddedRedis.start(port);
            return Map.of("qwen.state", "redis", "quarkus.redis.hosts", "redis://127.0.0.1:" + port);
        }

        static void down() {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void up() {
            if (!server.isActive()) {
                server = EmbeddedRedis.start(port);
            }
        }

        @Override
        public void stop() {
            down();
        }
    }

    public static class OnStoppableRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableRedis.class), new TestResourceEntry(WireMockProvider.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.provider", "aimlapi", "qwen.timeout", "5s", "qwen.max-retries", "0",
                    "qwen.session-lock-wait", "500ms", "quarkus.redis.timeout", "2s",
                    "qwen.circuit-breaker.request-volume", "1000");
        }
    }

    static final String TRIAGE_JSON = "{\"category\":\"SHIPPING\",\"priority\":\"HIGH\",\"sentiment\":\"NEGATIVE\","
            + "\"summary\":\"Late.\",\"orderIds\":[\"A1001\"],\"language\":\"en\"}";

    @Inject
    RedisDataSource redis;

    @AfterEach
    void redisBack() {
        StoppableRedis.up();
    }

    private static ValidatableResponse chat(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/assistant/chat").then();
    }

    private static void stateUnavailable(ValidatableResponse response) {
        response.statusCode(503).contentType("application/problem+json")
                .body("code", is("state_unavailable")).body("status", is(503))
                .header("Retry-After", notNullValue());
    }

    @Test
    void whileRedisIsDownStatefulCallsAre503AndStatelessOnesWorkThenItRecoversByItself() {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aimlapiReply(TRIAGE_JSON, "")));
        StoppableRedis.down();

        stateUnavailable(chat("{\"sessionId\":\"outage-1\",\"message\":\"Where is A1001?\"}"));
        stateUnavailable(given().get("/api/v1/assistant/sessions/outage-1").then());
        stateUnavailable(given().delete("/api/v1/assistant/sessions/outage-1").then());
        assertEquals(0, requests(wire).size(), "a turn that cannot take its session's lease calls no model");

        given().contentType("application/json").body("{\"text\":\"Where is my parcel A1001?\"}")
                .post("/api/v1/triage").then().statusCode(200).body("category", is("SHIPPING"));
        assertEquals(1, requests(wire).size(), "triage needs no state and still reaches the provider");
        given().get("/q/health/live").then().statusCode(200);

        StoppableRedis.up();
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aimlapiReply("On its way.", "")));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .contentType("application/json").body("{\"sessionId\":\"outage-1\",\"message\":\"Where is A1001?\"}")
                .post("/api/v1/assistant/chat").statusCode() == 200);
        given().get("/api/v1/assistant/sessions/outage-1").then().statusCode(200)
                .body("messages.role", is(List.of("user", "assistant")));
    }

    /** An outage shows on /q/metrics: the failed store commands, and the state_unavailable answers they caused. */
    @Test
    void anOutageIsCountedAsFailedStoreCommandsAndStateUnavailableAnswers() {
        String failures = "qwen_state_store_failures_total ";
        String answers = "qwen_problems_total{code=\"state_unavailable\",status=\"503\"} ";
        double failuresBefore = metric(failures);
        double answersBefore = metric(answers);
        StoppableRedis.down();

        stateUnavailable(given().get("/api/v1/assistant/sessions/counted-1").then());

        assertTrue(metric(failures) >= failuresBefore + 1, "failed store commands: " + metric(failures));
        assertEquals(answersBefore + 1, metric(answers));
    }

    /** A series' value on /q/metrics ({@code name{labels} } as printed), 0 while it does not exist. */
    private static double metric(String series) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series)).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length()).split(" ")[0])).orElse(0.0);
    }

    @Test
    void anOutageInTheMiddleOfARefundTurnLeavesNoRefundAndNoSession() {
        redis.key().del(RedisRefundLedger.PREFIX + "A1002");
        // The model takes a while to ask for the refund; Redis goes away meanwhile.
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("requestRefund", "{\"orderId\":\"A1002\",\"amount\":50,\"reason\":\"broken\"}")
                        .withFixedDelay(1500))
                .willSetStateTo("refunded"));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("r").whenScenarioStateIs("refunded")
                .willReturn(aimlapiReply("Refund filed.", "")));

        CompletableFuture<ValidatableResponse> turn = CompletableFuture.supplyAsync(
                () -> chat("{\"sessionId\":\"cut-1\",\"message\":\"Refund 50 on A1002, it arrived broken\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(wire).size() == 1);
        StoppableRedis.down();

        stateUnavailable(turn.join());
        assertEquals(1, requests(wire).size(), "the turn stopped at the refund: no model call after it");

        StoppableRedis.up();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> given().get("/api/v1/assistant/sessions/cut-1").statusCode() == 404);
        assertNull(redis.value(String.class).get(RedisRefundLedger.PREFIX + "A1002"), "no refund was recorded");
    }

    @Test
    void aTurnWaitsForTheOneBeforeItOnItsSessionThenGets409SessionBusy() {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("b").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aimlapiReply("First answer.", "").withFixedDelay(2500)).willSetStateTo("second"));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("b").whenScenarioStateIs("second")
                .willReturn(aimlapiReply("Third answer.", "")));

        CompletableFuture<ValidatableResponse> first = CompletableFuture.supplyAsync(
                () -> chat("{\"sessionId\":\"busy-1\",\"message\":\"first question\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(wire).size() == 1);

        chat("{\"sessionId\":\"busy-1\",\"message\":\"second question\"}").statusCode(409)
                .contentType("application/problem+json").body("code", is("session_busy"))
                .header("Retry-After", notNullValue());
        assertEquals(1, requests(wire).size(), "the refused turn called no model");

        first.join().statusCode(200).body("answer", is("First answer."));
        chat("{\"sessionId\":\"busy-1\",\"message\":\"third question\"}").statusCode(200);
        String sent = requests(wire).get(1).getBodyAsString();
        assertTrue(sent.contains("first question") && sent.contains("First answer.") && !sent.contains("second question"),
                sent);
    }
}
