package dev.qwen.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.lastUserText;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.tirReply;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireMockProvider;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The TIR (vLLM) dialect on the wire: project path and query, thinking switches, think blocks in content. */
@QuarkusTest
@TestProfile(Profiles.TirWire.class)
class TirWireTest extends WireTest {

    static final String PATH = "/project/p-777/genai/qwen3_32b/v1/chat/completions";
    static final String TRIAGE_JSON = "{\"category\":\"REFUND\",\"priority\":\"HIGH\",\"sentiment\":\"NEGATIVE\","
            + "\"summary\":\"Wants money back.\",\"orderIds\":[\"A1002\"],\"language\":\"de\"}";


    private io.restassured.response.ValidatableResponse triage(String text) {
        return given().contentType("application/json").body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/triage").then();
    }

    @Test
    void triageSendsProjectPathAndQueryBearerTokenAndBothThinkingSwitches() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(tirReply("<think>\n\n</think>\n\n" + TRIAGE_JSON)));

        triage("Ich will mein Geld für A1002 zurück!")
                .statusCode(200)
                .header("X-Provider", "tir")
                .body("category", is("REFUND"))
                .body("language", is("de"));

        List<LoggedRequest> sent = requests(wire);
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        assertEquals(PATH + "?project_id=777", request.getUrl());
        assertEquals("Bearer " + WireMockProvider.TIR_KEY, request.getHeader("Authorization"));
        JsonNode body = body(request);
        assertEquals("qwen3_32b", body.path("model").asText());
        assertFalse(body.path("chat_template_kwargs").path("enable_thinking").asBoolean(true),
                "chat_template_kwargs.enable_thinking must be false: " + body);
        assertTrue(lastUserText(body).endsWith("/no_think"), "Qwen3 soft switch on the last user message");
        assertFalse(body.has("enable_thinking"), "AI/ML API's field does not belong on TIR");
        assertEquals("json_schema", body.path("response_format").path("type").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<think>\nThe customer {angry} wants a refund.\n</think>\n\n%s",
            "<think></think>%s",
            "The customer wants {money} back.\n</think>\n\n%s",
            "<think>\n\n</think>\n\n```json\n%s\n```",
            "%s"
    })
    void thinkBlocksAndFencesNeverReachTheTypedResult(String shape) {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(tirReply(shape.formatted(TRIAGE_JSON))));

        triage("Ich will mein Geld zurück").statusCode(200).body("summary", is("Wants money back."));
        assertEquals(1, requests(wire).size(), "no repair round was needed");
    }

    @Test
    void anUnclosedThinkBlockIsReasoningOnlyAndTriggersTheRepairRound() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("cut").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(tirReply("<think>\nLet me think about {this} for a long")).willSetStateTo("again"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("cut").whenScenarioStateIs("again")
                .willReturn(tirReply(TRIAGE_JSON)));

        triage("Ich will mein Geld zurück").statusCode(200).body("category", is("REFUND"));
        assertEquals(2, requests(wire).size());
        assertTrue(lastUserText(body(requests(wire).get(1))).endsWith("/no_think"),
                "the repair call keeps thinking off");
    }
}
