package dev.qwen.deploy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Many slow model calls are held open at once and counted: more calls than the REST client's default
 * pool (50) and the old bulkhead (64) reach the provider together, and {@code qwen_calls_in_flight}, the
 * autoscaling metric, shows them while they wait and 0 once they are answered. The provider is a real
 * HTTP server on loopback that holds every request until the test lets go (no timing involved).
 */
@QuarkusTest
@TestProfile(CallsInFlightTest.HeldUpstream.class)
class CallsInFlightTest {

    static final int CALLS = 120;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void callsWaitingOnTheModelAreAllUpstreamAtOnceAndCounted() throws Exception {
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("qwen_calls_in_flight 0.0"));
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/triage"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Where is my order A1001? (" + i + ")\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> HeldProvider.waiting.get() == CALLS);
            assertEquals(CALLS, HeldProvider.waiting.get(), "every call reached the provider before any was answered");
            RestAssured.get("/q/metrics").then().body(containsString("qwen_calls_in_flight " + CALLS + ".0"));
        } finally {
            HeldProvider.release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"category\":\"ORDER_STATUS\""), response.body());
        }
        RestAssured.get("/q/metrics").then().body(containsString("qwen_calls_in_flight 0.0"));
        // What went upstream: the AI/ML API dialect, its key, the typed call with thinking off.
        assertEquals(CALLS, HeldProvider.requests.size());
        String sent = HeldProvider.requests.peek();
        assertTrue(sent.contains("Bearer " + HeldProvider.KEY), sent);
        assertTrue(sent.replaceAll("\\s", "").contains("\"enable_thinking\":false"), sent);
        assertTrue(sent.contains("Where is my order A1001?"), sent);
    }

    public static class HeldUpstream implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(HeldProvider.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.provider", "aimlapi", "qwen.timeout", "60s", "qwen.max-retries", "0");
        }
    }

    /** A provider that answers nothing until released: every request it holds is a call in flight. */
    public static class HeldProvider implements QuarkusTestResourceLifecycleManager {
        static final String KEY = "sk-held-provider-test-41c7";
        static final AtomicInteger waiting = new AtomicInteger();
        static final CountDownLatch release = new CountDownLatch(1);
        static final Queue<String> requests = new ConcurrentLinkedQueue<>();
        static final byte[] ANSWER = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"alibaba/qwen3-32b\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"{\\\"category\\\":\\\"ORDER_STATUS\\\",\\\"priority\\\":\\\"LOW\\\","
                + "\\\"sentiment\\\":\\\"NEUTRAL\\\",\\\"summary\\\":\\\"Asks where order A1001 is.\\\","
                + "\\\"orderIds\\\":[\\\"A1001\\\"],\\\"language\\\":\\\"en\\\"}\",\"reasoning_content\":\"\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,"
                + "\"total_tokens\":30}}").getBytes(StandardCharsets.UTF_8);

        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/chat/completions", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    requests.add(exchange.getRequestHeaders().getFirst("Authorization") + "\n" + body);
                    waiting.incrementAndGet();
                    release.await(60, TimeUnit.SECONDS);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, ANSWER.length);
                    exchange.getResponseBody().write(ANSWER);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return Map.of("qwen.aimlapi.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                    "qwen.aimlapi.api-key", KEY);
        }

        @Override
        public void stop() {
            release.countDown();
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
