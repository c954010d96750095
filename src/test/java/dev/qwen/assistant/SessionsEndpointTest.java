package dev.qwen.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.support.Profiles;
import dev.qwen.support.Upstream;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** GET shows a session's messages as the model will see them next turn; DELETE erases it for good. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class SessionsEndpointTest extends WireTest {

    private void aToolTurn() {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("getOrder", "{\"orderId\":\"A1001\"}")).willSetStateTo("answered"));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("t").whenScenarioStateIs("answered")
                .willReturn(aimlapiReply("A1001 is on its way.", "")));
    }

    @Test
    void aSessionShowsItsUserToolAndAssistantMessages() {
        aToolTurn();
        given().contentType("application/json").body("{\"sessionId\":\"show-1\",\"message\":\"Where is A1001?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);

        Instant expiresAt = Instant.parse(given().get("/api/v1/assistant/sessions/show-1").then().statusCode(200)
                .contentType("application/json")
                .body("sessionId", is("show-1"))
                .body("messages.role", is(List.of("user", "assistant", "tool", "assistant")))
                .body("messages[0].content", containsString("Where is A1001?"))
                .body("messages[1].toolCalls[0].name", is("getOrder"))
                .body("messages[1].toolCalls[0].arguments.orderId", is("A1001"))
                .body("messages[2].name", is("getOrder"))
                .body("messages[2].content", containsString("A1001"))
                .body("messages[3].content", is("A1001 is on its way."))
                .body("messages[3].toolCalls", nullValue())
                .extract().path("expiresAt"));
        Duration left = Duration.between(Instant.now(), expiresAt);
        assertTrue(left.compareTo(Duration.ofHours(23)) > 0 && left.compareTo(Duration.ofHours(24)) <= 0, left.toString());

        // What GET shows is what the next turn sends upstream.
        wire.resetRequests();
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aimlapiReply("Yes.", "")));
        given().contentType("application/json").body("{\"sessionId\":\"show-1\",\"message\":\"Still?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);
        List<com.fasterxml.jackson.databind.JsonNode> sent = Upstream.messages(body(requests(wire).get(0)), "tool");
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).path("content").asText().contains("A1001"));
    }

    @Test
    void deleteErasesTheSessionThenItIsNotFound() {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aimlapiReply("Hello.", "")));
        given().contentType("application/json").body("{\"sessionId\":\"erase-1\",\"message\":\"Remember A1002.\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);
        given().get("/api/v1/assistant/sessions/erase-1").then().statusCode(200);

        given().delete("/api/v1/assistant/sessions/erase-1").then().statusCode(204);

        given().get("/api/v1/assistant/sessions/erase-1").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("session_not_found"));
        given().delete("/api/v1/assistant/sessions/erase-1").then().statusCode(404)
                .body("code", is("session_not_found"));

        // A new turn on the erased id starts from nothing: the model does not see the old message.
        wire.resetRequests();
        given().contentType("application/json").body("{\"sessionId\":\"erase-1\",\"message\":\"Hi again\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);
        assertTrue(body(requests(wire).get(0)).toString().indexOf("Remember A1002.") < 0);
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        given().get("/api/v1/assistant/sessions/never-was").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("session_not_found"));
        given().get("/api/v1/assistant/sessions/" + "x".repeat(129)).then().statusCode(404)
                .body("code", is("session_not_found"));
        assertEquals(0, requests(wire).size());
    }
}
