package dev.qwen.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.lastUserText;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.tirReply;
import static dev.qwen.support.Upstream.tirStream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The assistant on the TIR wire: thinking switched on through the template, think blocks split out. */
@QuarkusTest
@TestProfile(Profiles.TirWire.class)
class TirAssistantWireTest extends WireTest {

    static final String PATH = "/project/p-777/genai/qwen3_32b/v1/chat/completions";


    @Test
    void thinkingTurnsTheTemplateSwitchOnAndTheThinkBlockBecomesReasoning() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(
                tirStream("<think>\nThe user says {hi}.\n</think>\n\nHello from TIR!")));

        given().contentType("application/json")
                .body("{\"message\":\"hi\",\"thinking\":true,\"includeReasoning\":true}")
                .post("/api/v1/assistant/chat").then()
                .statusCode(200)
                .header("X-Provider", "tir")
                .body("answer", is("Hello from TIR!"))
                .body("reasoning", is("The user says {hi}."))
                .body("provider", is("tir"))
                .body("model", is("qwen3_32b"));

        JsonNode body = body(requests(wire).get(0));
        assertEquals(PATH + "?project_id=777", requests(wire).get(0).getUrl());
        assertTrue(body.path("chat_template_kwargs").path("enable_thinking").asBoolean(false));
        assertTrue(body.path("stream").asBoolean(false));
        assertFalse(lastUserText(body).contains("/no_think"));
        assertEquals("auto", body.path("tool_choice").asText());
    }

    @Test
    void withoutThinkingTheEmptyThinkBlockIsDroppedAndBothSwitchesAreOff() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(tirReply("<think>\n\n</think>\n\nHi!")));

        given().contentType("application/json").body("{\"message\":\"hi\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200).body("answer", is("Hi!"));

        JsonNode body = body(requests(wire).get(0));
        assertFalse(body.path("chat_template_kwargs").path("enable_thinking").asBoolean(true));
        assertTrue(lastUserText(body).endsWith("/no_think"));
        assertFalse(body.path("stream").asBoolean(false));
    }
}
