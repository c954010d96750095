package dev.qwen.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.NodeProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Two agent SDKs nobody here wrote, installed from npm, with tools and schemas of their own, against the
 * service's /v1 served by the emulator (as in dev mode): the Vercel AI SDK (multi-step tool use, a named and
 * a required choice on every step, {@code maxOutputTokens}, {@code generateObject}) and LangChain.js
 * ({@code bindTools}, {@code withStructuredOutput} in its three modes). Each SDK validates what it gets
 * against its own zod schema, so an answer that did not fit would fail inside the SDK.
 */
@QuarkusTest
class AgentSdksTest {

    static NodeProject sdks;

    @BeforeAll
    static void install() throws Exception {
        sdks = NodeProject.install("js-sdks", "js-sdks", List.of("ai-sdk.mjs", "langchain.mjs"));
    }

    static JsonNode run(String script, String scenario) throws Exception {
        JsonNode seen = sdks.json(script, scenario, "http://localhost:" + RestAssured.port + "/v1", "sk-any");
        assertFalse(seen.has("error"), seen.toString());
        return seen;
    }

    @Test
    void vercelRunsTheToolThePromptMentionsThenAnswersFromItsResult() throws Exception {
        JsonNode seen = run("ai-sdk.mjs", "multiStep");
        assertEquals("[{\"tool\":\"getWeather\",\"input\":{\"city\":\"Paris\"}}]", seen.path("executed").toString());
        assertEquals(2, seen.path("steps").size(), seen.toString());
        assertEquals("stop", seen.path("finish").asText());
        assertTrue(seen.path("text").asText().contains("sunny"), seen.toString());
    }

    @Test
    void vercelNamedChoiceIsObeyedOnEveryStepFollowUpsIncluded() throws Exception {
        JsonNode seen = run("ai-sdk.mjs", "namedChoice");
        assertEquals(2, seen.path("executed").size(), seen.toString());
        for (JsonNode executed : seen.path("executed")) {
            assertEquals("getOrderStatus", executed.path("tool").asText());
            assertEquals("A1002", executed.path("input").path("orderId").asText(), "the id from the prompt");
        }
    }

    @Test
    void vercelRequiredChoiceGetsACallEvenWhenThePromptNamesNoTool() throws Exception {
        JsonNode seen = run("ai-sdk.mjs", "requiredChoice");
        assertEquals(2, seen.path("executed").size(), seen.toString());
        assertEquals("tool-calls", seen.path("steps").path(1).path("finish").asText());
    }

    @Test
    void vercelMaxOutputTokensCutsTheAnswer() throws Exception {
        JsonNode seen = run("ai-sdk.mjs", "maxTokens");
        assertEquals("length", seen.path("finish").asText(), seen.toString());
        assertTrue(seen.path("text").asText().length() <= 6 * 4, seen.toString());
    }

    @Test
    void vercelGenerateObjectGetsAnInstanceOfItsSchema() throws Exception {
        JsonNode city = run("ai-sdk.mjs", "object").path("object");
        assertEquals("Paris", city.path("name").asText(), city.toString());
        assertEquals("France", city.path("country").asText());
        assertTrue(city.path("landmarks").size() >= 2);
    }

    @Test
    void langChainBindToolsCallsTheToolAndAnswersFromTheToolMessage() throws Exception {
        JsonNode seen = run("langchain.mjs", "bindTools");
        assertEquals("get_weather", seen.path("calls").path(0).path("name").asText(), seen.toString());
        assertEquals("{\"city\":\"Berlin\",\"days\":3}", seen.path("calls").path(0).path("args").toString());
        assertEquals(0, seen.path("invalid").size());
        assertEquals(0, seen.path("followUpCalls").asInt());
        assertTrue(seen.path("answer").asText().contains("cloudy"), seen.toString());
    }

    @Test
    void langChainStructuredOutputWorksInAllThreeModes() throws Exception {
        for (String mode : List.of("functionCalling", "jsonSchema")) {
            JsonNode ticket = run("langchain.mjs", mode).path("ticket");
            assertEquals("bug", ticket.path("category").asText(), mode + ": " + ticket);
            assertEquals(4, ticket.path("priority").asInt(), mode);
            assertEquals("dana@example.org", ticket.path("reporter").path("email").asText(), mode);
            assertEquals("Dana", ticket.path("reporter").path("name").asText(), mode);
        }
        JsonNode joke = run("langchain.mjs", "jsonMode").path("joke");
        assertTrue(joke.path("setup").isTextual() && joke.path("punchline").isTextual(), joke.toString());
    }
}
