package dev.qwen.api;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The JDK's HttpClient asks for an h2c upgrade on every request by default. A keyed POST (its body read before
 * Quarkus REST for the fingerprint) must be answered, and replayed, like any other: it used to get no answer.
 */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class H2cUpgradeTest extends WireTest {

    @Test
    void aKeyedPostFromAClientAskingForH2cIsAnsweredAndReplayed() throws Exception {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aimlapiReply("Hello there.", "")));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/assistant/chat")).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Idempotency-Key", "h2c-1").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
                .build();

        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("Hello there."), first.body());

        HttpResponse<String> again = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotency-Replayed").orElse(null));
        assertEquals(first.body(), again.body());
        assertEquals(1, requests(wire).size(), "one model call");
    }
}
