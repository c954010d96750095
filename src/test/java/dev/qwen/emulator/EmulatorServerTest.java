package dev.qwen.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The emulator as a server of its own, for a packaged service (which has none) to call. */
class EmulatorServerTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String HI = "{\"model\":\"m\",\"enable_thinking\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static HttpResponse<String> post(String url, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesBothDialectsOnItsOwnPort() throws Exception {
        try (EmulatorServer server = EmulatorServer.start(0, StandaloneConfig.defaults())) {
            HttpResponse<String> aimlapi = post(server.aimlApiBaseUrl() + "/chat/completions", HI, "k");
            assertEquals(200, aimlapi.statusCode(), aimlapi.body());
            assertEquals("qwen3-emulator", aimlapi.headers().firstValue("X-Emulator").orElse(""));
            JsonNode body = new ObjectMapper().readTree(aimlapi.body());
            assertTrue(body.path("choices").path(0).path("message").path("content").asText().startsWith("Emulated"));

            HttpResponse<String> tir = post(server.tirBaseUrl() + "/project/p-7/genai/qwen3_32b/v1/chat/completions"
                    + "?project_id=7", HI, "k");
            assertEquals(200, tir.statusCode(), tir.body());
            assertTrue(tir.body().contains("</think>"), tir.body());

            assertEquals(401, post(server.aimlApiBaseUrl() + "/chat/completions", HI, null).statusCode());
            assertEquals(404, post("http://127.0.0.1:" + server.port() + "/v1/chat/completions", HI, "k").statusCode());
        }
    }

    @Test
    void takesTheSameKnobsAsInsideTheService() throws Exception {
        EmulatorConfig faulty = StandaloneConfig.with(Map.of("qwen.emulator.fault-rate", "1",
                "qwen.emulator.fault-status", "429", "qwen.emulator.latency", "50ms"));
        try (EmulatorServer server = EmulatorServer.start(0, faulty)) {
            long start = System.nanoTime();
            HttpResponse<String> first = post(server.aimlApiBaseUrl() + "/chat/completions", HI, "k");
            assertEquals(429, first.statusCode());
            assertEquals(200, post(server.aimlApiBaseUrl() + "/chat/completions", HI, "k").statusCode(),
                    "a retry of the request that just failed goes through");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 50, "latency applies");
        }
    }

    @Test
    void standaloneConfigReadsTheMappingsKeysAndDefaults() {
        StandaloneConfig defaults = StandaloneConfig.defaults();
        assertEquals(false, defaults.enabled());
        assertEquals(Duration.ZERO, defaults.latency());
        assertEquals(0, defaults.tokenRate());
        assertEquals(0.0, defaults.faultRate());
        assertEquals(503, defaults.faultStatus());

        assertEquals("QWEN_EMULATOR_FAULT_RATE", StandaloneConfig.environmentName("qwen.emulator.fault-rate"));
        assertEquals(Duration.ofMillis(200), StandaloneConfig.duration("200ms"));
        assertEquals(Duration.ofSeconds(2), StandaloneConfig.duration("2"));
        assertEquals(Duration.ofMinutes(1), StandaloneConfig.duration("1m"));
        assertEquals(Duration.ofMillis(1500), StandaloneConfig.duration("PT1.5S"));
        assertEquals(5, StandaloneConfig.with(Map.of("qwen.emulator.token-rate", "5")).tokenRate());
    }
}
