package dev.qwen.state;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.qwen.support.EmbeddedRedis;
import dev.qwen.support.PackagedService;
import dev.qwen.support.ServerShapes;
import redis.embedded.RedisServer;

/**
 * Callers that hang up, against the packaged service on a real Redis with API keys: streams aborted before
 * their first event, mid-reasoning, mid-tool and mid-tokens (and a {@code /v1} stream) cancel their upstream
 * call, which is neither retried nor counted as a provider failure, release their {@code Idempotency-Key}, and
 * hold nothing a shutdown waits for: SIGTERM then stops the instance at once, with no ERROR in its log. Also: a
 * stream that fails before its first event answers its problem with its status, and a keyed request refused by
 * authentication never reaches the state store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HangUpsIT {

    static final String KEY = "it-hangup-key-51b0";
    static final int EACH = 3;
    static WireMockServer wire;
    static RedisServer redis;
    static int redisPort;
    static int port;
    static Process service;
    static Path log;

    @BeforeAll
    static void start() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        stubProvider();
        redisPort = EmbeddedRedis.freePort();
        redis = EmbeddedRedis.start(redisPort);
        port = EmbeddedRedis.freePort();
        service = PackagedService.start(port, "hangups", Map.of(
                "QWEN_AIMLAPI_BASE_URL", "http://127.0.0.1:" + wire.port() + "/v1",
                "QWEN_AIMLAPI_API_KEY", "it-provider-key-not-secret",
                "QWEN_STATE", "redis",
                "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort,
                "APP_API_KEYS", "team-a:" + KEY));
        log = Path.of("target/it-hangups-" + port + ".log");
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.destroyForcibly();
        }
        if (wire != null) {
            wire.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    /** What the provider answers, by a marker in the user's message: each stream is slow enough to be cut. */
    static void stubProvider() {
        // Thinking, with reasoning not asked for: the provider streams reasoning nobody is shown, so the caller
        // has had no event when it hangs up.
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("[before-first]"))
                .willReturn(dribbled("reasoning")));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("[mid-reasoning]"))
                .willReturn(dribbled("reasoning")));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("[mid-tokens]"))
                .willReturn(dribbled("content")));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("[mid-tool]"))
                .willReturn(ServerShapes.stream("tool_calls", java.util.List.of(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"chatcmpl-tool-1\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"getOrder\",\"arguments\":\"{\\\"orderId\\\":\\\"A1001\\\"}\"}}]}"))));
        // After the tool's result the model takes its time: the caller hangs up during the tool and this call.
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("\"role\":\"tool\"")).willReturn(dribbled("content")));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("[fail-first]"))
                .willReturn(aResponse().withStatus(503)));
    }

    /** A stream of 60 deltas of {@code field} spread over a minute. */
    static ResponseDefinitionBuilder dribbled(String field) {
        java.util.List<String> deltas = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            deltas.add(ServerShapes.delta(field, "piece " + i + " "));
        }
        return ServerShapes.stream("stop", deltas).withChunkedDribbleDelay(64, 60_000);
    }

    static String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts a keyed stream on a raw connection, reads until {@code marker} is in what arrived, then hangs up. */
    static void hangUpAfter(String path, String body, String idempotencyKey, String marker) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + KEY + "\r\n"
                    + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                    + "Content-Length: " + bytes.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            if (marker == null) {
                // Before the first event: the call is in flight upstream, nothing has been answered yet.
                await().atMost(Duration.ofSeconds(20)).until(() -> metric("qwen_calls_in_flight") >= 1);
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                seen.append(line).append('\n');
                if (seen.toString().contains(marker)) {
                    return; // closing the socket now: the caller hangs up
                }
            }
            throw new AssertionError("the stream ended before " + marker + ": " + seen);
        }
    }

    static String scrape() {
        return given().baseUri(base()).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a series over its labels (0 when absent); {@code filter} must be in the label set. */
    static double metric(String name, String... filters) {
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape());
        while (line.find()) {
            String labels = line.group(1) == null ? "" : line.group(1);
            if (java.util.Arrays.stream(filters).allMatch(labels::contains)) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    @Test
    @Order(1)
    void aStreamThatFailsBeforeItsFirstEventIsItsProblemWithItsStatus() {
        given().baseUri(base()).auth().oauth2(KEY).contentType("application/json").accept("text/event-stream")
                .body("{\"message\":\"[fail-first] hello\"}").post("/api/v1/assistant/chat/stream").then()
                .statusCode(503).contentType("application/problem+json").body("code", is("provider_unavailable"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    @Order(2)
    void aKeyedRequestRefusedByAuthenticationNeverReachesTheStateStore() {
        given().baseUri(base()).contentType("application/json").header("Idempotency-Key", "unauthenticated-1")
                .body("{\"message\":\"hi\"}").post("/api/v1/assistant/chat").then().statusCode(401)
                .body("code", is("unauthorized"));
        given().baseUri(base()).auth().oauth2("not-a-key").contentType("application/json")
                .header("Idempotency-Key", "unauthenticated-2").body("{\"message\":\"hi\"}")
                .post("/api/v1/assistant/chat").then().statusCode(401);
        assertEquals(0, redisKeys("qwen:idempotency:*"), "no claim was written for a refused caller");
    }

    @Test
    @Order(3)
    void hangUpsAtEveryPointReleaseEverythingAndAreNotProviderFailures() throws Exception {
        double cancelledBefore = metric("qwen_upstream_latency_seconds_count", "outcome=\"cancelled\"");
        double retriesBefore = metric("qwen_upstream_retries_total");
        double unavailableBefore = metric("qwen_upstream_latency_seconds_count", "outcome=\"unavailable\"");
        for (int i = 0; i < EACH; i++) {
            hangUpAfter("/api/v1/assistant/chat/stream", "{\"message\":\"[before-first] hi\",\"thinking\":true}",
                    "before-" + i, null);
            hangUpAfter("/api/v1/assistant/chat/stream",
                    "{\"message\":\"[mid-reasoning] think\",\"thinking\":true,\"includeReasoning\":true}",
                    "reasoning-" + i, "event:reasoning");
            hangUpAfter("/api/v1/assistant/chat/stream", "{\"message\":\"[mid-tool] Where is A1001?\"}", "tool-" + i,
                    "event:tool_result");
            hangUpAfter("/api/v1/assistant/chat/stream", "{\"message\":\"[mid-tokens] talk\"}", "tokens-" + i,
                    "event:token");
            hangUpAfter("/v1/chat/completions", "{\"model\":\"qwen3-32b\",\"stream\":true,\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"[mid-tokens] talk\"}]}", null, "\"content\":\"piece");
        }

        // Every upstream call of a caller that left is cancelled, and nothing is left running.
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("qwen_calls_in_flight") == 0
                && metric("qwen_upstream_latency_seconds_count", "outcome=\"cancelled\"") - cancelledBefore == 5 * EACH);
        assertEquals(retriesBefore, metric("qwen_upstream_retries_total"), "nothing retried for a caller who left");
        assertEquals(unavailableBefore, metric("qwen_upstream_latency_seconds_count", "outcome=\"unavailable\""));
        assertEquals(0, metric("qwen_upstream_latency_seconds_count", "outcome=\"timeout\""));
        assertEquals(0, metric("qwen_failovers_total"));
        given().baseUri(base()).get("/api/v1/providers").then().statusCode(401);
        given().baseUri(base()).auth().oauth2(KEY).get("/api/v1/providers").then().statusCode(200)
                .body("providers[0].circuit", is("CLOSED"));

        // The keys are free again: a retry runs (it is not 409 request_in_progress), and its claim is recorded.
        await().atMost(Duration.ofSeconds(10)).until(() -> redisKeys("qwen:idempotency:*") == 0);
        given().baseUri(base()).auth().oauth2(KEY).contentType("application/json").header("Idempotency-Key", "tool-0")
                .body("{\"message\":\"[fail-first] Where is A1001?\"}").post("/api/v1/assistant/chat").then()
                .statusCode(503).body("code", is("provider_unavailable"));
    }

    @Test
    @Order(4)
    void sigtermAfterTheHangUpsStopsAtOnceWithoutAnError() throws Exception {
        service.destroy(); // SIGTERM
        assertTrue(service.waitFor(10, TimeUnit.SECONDS), "the instance stopped (it would wait 25 s for a leaked call)");
        String text = Files.readString(log);
        assertTrue(text.contains("Shutting down: 0 call(s) in flight"), "nothing in flight at shutdown");
        assertFalse(text.contains("\"level\":\"ERROR\"") || text.contains(" ERROR "), "no ERROR in the log");
        assertFalse(text.contains("Exception"), "no exception in the log");
    }

    static long redisKeys(String pattern) {
        return EmbeddedRedis.countKeys(redisPort, pattern);
    }
}
