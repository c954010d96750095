package dev.qwen.assistant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.qwen.emulator.EmulatorRoutes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A client that disconnects mid-stream cancels the upstream call: the provider sees its client go. */
@QuarkusTest
@TestProfile(StreamCancellationTest.SlowTokens.class)
class StreamCancellationTest {

    public static class SlowTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.emulator.token-rate", "5");
        }
    }

    @Inject
    EmulatorRoutes emulator;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void disconnectingCancelsTheUpstreamStream() throws Exception {
        long before = emulator.abandonedStreams();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/assistant/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"message\":\"Tell me a long story about nothing in particular please\"}"))
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.startsWith("event:token")) {
                // read until the first token has arrived: the upstream stream is now running
            }
            assertTrue(line != null, "a token arrived before the disconnect");
        }
        client.shutdownNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.abandonedStreams() > before);
    }
}
