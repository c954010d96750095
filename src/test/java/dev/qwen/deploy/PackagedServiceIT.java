package dev.qwen.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.qwen.support.Upstream;
import dev.qwen.support.WireMockProvider;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged jar (prod profile, as it ships) serves the main endpoints against a provider on loopback.
 * Also the training run of the JVM's AOT cache: with {@code quarkus.package.jar.aot.enabled}, Quarkus
 * records what this run loads and links and leaves {@code target/quarkus-app/app.aot}, which the image
 * starts with ({@code -XX:AOTCache=app.aot}) for a sub-second cold start.
 */
@QuarkusIntegrationTest
@WithTestResource(WireMockProvider.class)
class PackagedServiceIT {

    static final String TRIAGE = "{\"category\":\"REFUND\",\"priority\":\"HIGH\",\"sentiment\":\"NEGATIVE\","
            + "\"summary\":\"A1002 arrived broken; refund wanted.\",\"orderIds\":[\"A1002\"],\"language\":\"en\"}";

    @WireMockProvider.Server
    WireMockServer provider;

    @BeforeEach
    void provider() {
        provider.resetAll();
        provider.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")))
                .atPriority(1).willReturn(Upstream.aimlapiStream("", "Order A1001 is on its way.")));
        provider.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2)
                .willReturn(Upstream.aimlapiReply(TRIAGE, "")));
    }

    @Test
    void triageIsServedByThePackagedService() {
        given().contentType("application/json").body("{\"text\":\"My order A1002 arrived broken, I want a refund!\"}")
                .post("/api/v1/triage")
                .then().statusCode(200).header("X-Provider", "aimlapi")
                .body("category", equalTo("REFUND")).body("orderIds[0]", equalTo("A1002"));
        List<LoggedRequest> sent = Upstream.requests(provider);
        assertEquals(1, sent.size());
        assertEquals("Bearer " + WireMockProvider.AIMLAPI_KEY, sent.get(0).getHeader("Authorization"));
        JsonNode body = Upstream.body(sent.get(0));
        assertEquals(false, body.path("enable_thinking").asBoolean(true));
        assertTrue(Upstream.lastUserText(body).contains("A1002 arrived broken"), body.toString());
    }

    @Test
    void assistantStreamsTokensThenDone() {
        String events = given().contentType("application/json").accept("text/event-stream")
                .body("{\"message\":\"Where is A1001?\",\"toolChoice\":\"none\"}")
                .post("/api/v1/assistant/chat/stream")
                .then().statusCode(200).extract().asString();
        assertTrue(events.contains("event:token") || events.contains("event: token"), events);
        assertTrue(events.contains("{\"text\":\"way.\"}"), events);
        assertTrue(events.contains("event:done") || events.contains("event: done"), events);
        JsonNode body = Upstream.body(Upstream.requests(provider).get(0));
        assertTrue(body.path("stream").asBoolean(), body.toString());
        assertEquals("Where is A1001?", Upstream.lastUserText(body));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/v1/providers").then().statusCode(200).body("primary", equalTo("aimlapi"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("qwen_calls_in_flight 0.0"));
        assertEquals(0, Upstream.requests(provider).size(), "no model call for operations endpoints");
    }
}
