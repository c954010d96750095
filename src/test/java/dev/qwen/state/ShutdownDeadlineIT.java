package dev.qwen.state;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.qwen.support.EmbeddedRedis;
import dev.qwen.support.PackagedService;
import dev.qwen.support.Upstream;

/**
 * The packaged service with a short {@code quarkus.shutdown.timeout}, its provider a WireMock in this JVM whose
 * streamed answer starts at once and would take a minute to finish: SIGTERM during an event stream keeps the
 * stream served until the deadline (while a new call is refused with {@code 503 shutting_down}), then ends it
 * with an {@code error} event (problem JSON, code {@code shutting_down}), and the process exits. The timeout is
 * set, as operators do, so Quarkus' own shutdown handling is on too and is shown not to cut the stream short.
 */
class ShutdownDeadlineIT {

    static final String PATH = "/v1/chat/completions";
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    /** One SSE chunk of the same size per piece, so WireMock's dribble sends exactly one per interval. */
    static final int PIECES = 120;
    static final int STREAM_MILLIS = 60_000;
    static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer wire;
    static int port;
    static Process service;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startAll() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        port = EmbeddedRedis.freePort();
        service = PackagedService.start(port, "shutdown", Map.of(
                "QWEN_AIMLAPI_BASE_URL", "http://127.0.0.1:" + wire.port() + "/v1",
                "QWEN_AIMLAPI_API_KEY", "it-key-not-secret",
                "QWEN_MAX_RETRIES", "0",
                "QUARKUS_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s"));
    }

    @AfterAll
    static void stopAll() {
        if (service != null) {
            service.destroyForcibly();
        }
        http.shutdownNow();
        if (wire != null) {
            wire.stop();
        }
    }

    @Test
    void streamStillRunningAtTheDeadlineEndsWithAnErrorEvent() throws Exception {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(slowStream())
                .withChunkedDribbleDelay(PIECES, STREAM_MILLIS)));

        SseLines stream = new SseLines();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/assistant/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Tell me slowly about order 1001\"}"))
                .build();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.fromLineSubscriber(stream));

        // The call is in flight and its head written: a token has reached the client.
        await().atMost(Duration.ofSeconds(15)).until(() -> count(stream.events(), "token") >= 1);
        int tokensBeforeSigterm = count(stream.events(), "token");

        service.destroy(); // SIGTERM

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> given().baseUri(base()).get("/q/health/ready").statusCode() == 503);
        given().baseUri(base()).contentType("application/json").body("{\"message\":\"too late\"}")
                .post("/api/v1/assistant/chat").then().statusCode(503).contentType("application/problem+json")
                .body("code", is("shutting_down"));
        given().baseUri(base()).contentType("application/json").accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").post("/mcp").then()
                .statusCode(503).contentType("application/problem+json").body("code", is("shutting_down"));

        // The stream is served until the deadline, then ends with an error event and nothing after it.
        await().atMost(SHUTDOWN_TIMEOUT.plusSeconds(10)).until(stream::ended);
        assertFalse(stream.failed(), "the stream ended cleanly, not by a reset connection");
        // The response future completes once its body has (a line subscriber's body is the whole stream).
        assertEquals(200, response.get().statusCode());
        assertTrue(response.get().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Event> events = stream.events();
        assertTrue(count(events, "token") >= tokensBeforeSigterm + 2,
                "tokens kept flowing while the instance drained: " + events);
        assertEquals(0, count(events, "done"), "the turn could not finish before the deadline");
        Event last = events.get(events.size() - 1);
        assertEquals("error", last.name(), "the last event: " + last);
        JsonNode problem = JSON.readTree(last.data());
        assertEquals("shutting_down", problem.path("code").asText());
        assertEquals(503, problem.path("status").asInt());
        for (String field : List.of("type", "title", "detail")) {
            assertFalse(problem.path(field).asText().isBlank(), field + " is filled: " + problem);
        }
        assertNoInternals(last.data());

        // The process exits once the deadline has passed.
        await().atMost(SHUTDOWN_TIMEOUT.plusSeconds(15)).until(() -> !service.isAlive());

        // Upstream: the one call was the streaming call, carrying the caller's message.
        List<LoggedRequest> calls = Upstream.requests(wire);
        assertEquals(1, calls.size());
        assertEquals(PATH, calls.get(0).getUrl());
        JsonNode sent = Upstream.body(calls.get(0));
        assertTrue(sent.path("stream").asBoolean(), "the upstream call was streamed: " + sent);
        assertEquals("Tell me slowly about order 1001", Upstream.lastUserText(sent));

        // The instance's own log names no class and carries no stack trace, the shutdown included.
        String log = Files.readString(Path.of("target/it-shutdown-" + port + ".log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Shutting down"), "the drain ran: " + log);
        assertNoInternals(log);
    }

    static String base() {
        return "http://127.0.0.1:" + port;
    }

    /** PIECES content chunks of equal length (no finish, no usage): a reply far longer than the deadline. */
    static String slowStream() {
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < PIECES; i++) {
            String piece = "word%03d ".formatted(i);
            sse.append("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\",\"reasoning_content\":null},"
                    + "\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        return sse.toString();
    }

    static void assertNoInternals(String text) {
        assertFalse(text.matches("(?s).*\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(.*"), "no stack frame: " + text);
        assertFalse(text.matches("(?s).*\\b(java|javax|jakarta|io|org|com|dev)\\.[a-z][\\w$]*\\.[\\w.$]*[A-Z]\\w*(Exception|Error)\\b.*"),
                "no exception class name: " + text);
        assertFalse(text.contains("\"exception\"") || text.contains("stackTrace") || text.contains("stack_trace"),
                "no stack trace: " + text);
        assertFalse(text.contains("it-key-not-secret"), "no provider key: " + text);
    }

    static int count(List<Event> events, String name) {
        return (int) events.stream().filter(e -> e.name().equals(name)).count();
    }

    record Event(String name, String data) {
    }

    /** The raw body, line by line, as the client receives it; events are split at blank lines. */
    static final class SseLines implements Flow.Subscriber<String> {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private volatile boolean ended;
        private volatile boolean failed;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
            failed = true;
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        boolean ended() {
            return ended;
        }

        boolean failed() {
            return failed;
        }

        /** The complete events so far (a blank line ends one); the field name's space is optional in SSE. */
        List<Event> events() {
            List<Event> events = new ArrayList<>();
            String name = "message";
            StringBuilder data = null;
            for (String line : lines) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring("data:".length());
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            return events;
        }
    }
}
