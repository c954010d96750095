package dev.qwen.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.aimlapiStream;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** The assistant's function-calling on the AI/ML API wire: tool policy, tool messages, thinking, memory. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class AssistantWireTest extends WireTest {

    static final String PATH = "/v1/chat/completions";



    private static ValidatableResponse chat(String json) {
        return given().contentType("application/json").body(json).post("/api/v1/assistant/chat").then();
    }

    private JsonNode sent(int i) {
        return body(requests(wire).get(i));
    }

    @Test
    void namedToolChoiceIsSentOnTheFirstCallOnlyWithThinkingOff() {
        script(toolCalls("getOrder", "{\"orderId\":\"A1001\"}"), aimlapiStream("It shipped. ", "A1001 has shipped."));

        chat("{\"message\":\"Status of A1001?\",\"toolChoice\":\"getOrder\",\"thinking\":true}")
                .statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("answer", is("A1001 has shipped."))
                .body("toolCalls[0].name", is("getOrder"))
                .body("toolCalls[0].arguments.orderId", is("A1001"))
                .body("toolCalls[0].result.status", is("SHIPPED"))
                .body("provider", is("aimlapi"))
                .body("model", is("alibaba/qwen3-32b"));

        assertEquals(2, requests(wire).size());
        JsonNode first = sent(0);
        assertEquals("function", first.path("tool_choice").path("type").asText());
        assertEquals("getOrder", first.path("tool_choice").path("function").path("name").asText());
        assertFalse(first.path("enable_thinking").asBoolean(true), "a forced choice switches thinking off");
        assertFalse(first.path("stream").asBoolean(false));
        JsonNode second = sent(1);
        assertEquals("auto", second.path("tool_choice").asText(), "follow-ups are never forced");
        assertTrue(second.path("enable_thinking").asBoolean(false), "thinking is back on after the forced call");
        assertTrue(second.path("stream").asBoolean(false), "thinking calls stream upstream");
    }

    @Test
    void requiredToolChoiceIsSentOnTheFirstCallOnly() {
        script(toolCalls("checkStock", "{\"sku\":\"HUB-7\"}"), aimlapiReply("17 hubs in stock.", ""));

        chat("{\"message\":\"Any hubs?\",\"toolChoice\":\"required\"}").statusCode(200)
                .body("toolCalls[0].result.total", is(17));

        assertEquals("required", sent(0).path("tool_choice").asText());
        assertEquals("auto", sent(1).path("tool_choice").asText());
    }

    @Test
    void toolsAndParallelToolCallsAreSentAsAsked() {
        script(aimlapiReply("Hello!", ""));

        chat("{\"message\":\"hi\",\"parallelToolCalls\":false,\"toolChoice\":\"none\"}").statusCode(200);
        JsonNode body = sent(0);
        assertFalse(body.path("parallel_tool_calls").asBoolean(true));
        assertEquals("none", body.path("tool_choice").asText());
        List<String> names = body.path("tools").findValuesAsText("name");
        assertEquals(List.of("checkStock", "getOrder", "requestRefund", "trackShipment"),
                names.stream().sorted().toList());

        wire.resetAll();
        script(aimlapiReply("Hello!", ""));
        chat("{\"message\":\"hi\"}").statusCode(200);
        assertTrue(sent(0).path("parallel_tool_calls").asBoolean(false), "default is true");
        assertEquals("auto", sent(0).path("tool_choice").asText());
        assertFalse(sent(0).path("enable_thinking").asBoolean(true));
    }

    @Test
    void severalToolCallsAreAnsweredInOrderMatchedByToolCallId() {
        script(toolCalls("trackShipment", "{\"orderId\":\"A1001\"}", "getOrder", "{\"orderId\":\"A1002\"}",
                "checkStock", "{\"sku\":\"HP-300\"}"), aimlapiReply("Done.", ""));

        chat("{\"message\":\"A1001, A1002 and HP-300 please\"}").statusCode(200)
                .body("toolCalls.id", is(List.of("call_1", "call_2", "call_3")))
                .body("toolCalls[0].result.carrier", is("DHL"))
                .body("toolCalls[1].result.status", is("DELIVERED"))
                .body("toolCalls[2].result.total", is(3));

        List<JsonNode> tools = messages(sent(1), "tool");
        assertEquals(3, tools.size());
        assertEquals(List.of("call_1", "call_2", "call_3"), tools.stream().map(t -> t.path("tool_call_id").asText()).toList());
        assertTrue(tools.get(0).path("content").asText().contains("JD014600006281"));
        JsonNode assistant = messages(sent(1), "assistant").get(0);
        assertEquals(3, assistant.path("tool_calls").size(), "the model's own request is replayed before the results");
    }

    @Test
    void unknownToolsAndBadArgumentsBecomeErrorResultsForTheModel() {
        script(toolCalls("launchRocket", "{}", "getOrder", "{not json", "requestRefund",
                "{\"orderId\":\"A1002\",\"amount\":\"lots\",\"reason\":\"x\"}"), aimlapiReply("Sorry.", ""));

        chat("{\"message\":\"do things\"}").statusCode(200).body("answer", is("Sorry."))
                .body("toolCalls[0].result.error", containsString("unknown tool"))
                .body("toolCalls[1].result.error", containsString("not valid JSON"))
                .body("toolCalls[2].result.error", not(nullValue()));

        List<JsonNode> tools = messages(sent(1), "tool");
        assertEquals(3, tools.size());
        tools.forEach(t -> assertTrue(t.path("content").asText().contains("error"), t.toString()));
    }

    @Test
    void theLoopStopsAfterEightModelCalls() {
        script(toolCalls("getOrder", "{\"orderId\":\"A1001\"}"));

        chat("{\"message\":\"loop forever\"}").statusCode(502).contentType("application/problem+json")
                .body("code", is("invalid_model_output"))
                .body("detail", containsString("8 model calls"));
        assertEquals(dev.qwen.agent.Agent.MAX_MODEL_CALLS, requests(wire).size());
    }

    @Test
    void usageIsSummedOverEveryCallOfTheTurn() {
        script(toolCalls("getOrder", "{\"orderId\":\"A1001\"}"), aimlapiReply("Shipped.", ""));

        chat("{\"message\":\"A1001?\"}").statusCode(200)
                .body("usage.promptTokens", is(100))
                .body("usage.completionTokens", is(40))
                .body("usage.totalTokens", is(140))
                .body("usage.reasoningTokens", is(14));
    }

    @Test
    void thinkingStreamsUpstreamAndReasoningIsReturnedOnlyWhenAskedFor() {
        script(aimlapiStream("The user greets me. ", "Hello there!"));

        chat("{\"message\":\"hi\",\"thinkingBudget\":256,\"includeReasoning\":true}").statusCode(200)
                .body("answer", is("Hello there!"))
                .body("reasoning", is("The user greets me. "))
                .body("usage.reasoningTokens", is(82));
        JsonNode body = sent(0);
        assertTrue(body.path("stream").asBoolean(false));
        assertTrue(body.path("enable_thinking").asBoolean(false));
        assertEquals(256, body.path("thinking_budget").asInt());

        wire.resetAll();
        script(aimlapiStream("Secret thoughts. ", "Hello there!"));
        String reply = chat("{\"message\":\"hi\",\"thinking\":true}").statusCode(200)
                .body("reasoning", nullValue()).extract().asString();
        assertFalse(reply.contains("Secret thoughts"));
        assertFalse(sent(0).has("thinking_budget"), "no budget unless given");
    }

    @Test
    void sessionsRememberTurnsAndNeverSeeEachOther() {
        script(aimlapiReply("Noted.", ""));

        String session = chat("{\"message\":\"My name is Ada and my order is A1005.\"}").statusCode(200)
                .extract().path("sessionId");
        chat("{\"sessionId\":\"" + session + "\",\"message\":\"What was my order?\"}").statusCode(200)
                .body("sessionId", is(session));
        chat("{\"sessionId\":\"someone-else\",\"message\":\"Who am I?\"}").statusCode(200);

        String second = sent(1).path("messages").toString();
        assertTrue(second.contains("My name is Ada") && second.contains("Noted."), second);
        String other = sent(2).path("messages").toString();
        assertFalse(other.contains("Ada"), "another session must not see this one: " + other);
    }

    @Test
    void aFailedTurnLeavesTheMemoryAsItWas() {
        script(aimlapiReply("Noted.", ""), aimlapiError(400, "bad"), aimlapiReply("Still here.", ""));

        chat("{\"sessionId\":\"s-rollback\",\"message\":\"first message\"}").statusCode(200);
        chat("{\"sessionId\":\"s-rollback\",\"message\":\"failing message\"}").statusCode(502)
                .body("code", is("provider_error"));
        chat("{\"sessionId\":\"s-rollback\",\"message\":\"third message\"}").statusCode(200);

        String third = sent(2).path("messages").toString();
        assertTrue(third.contains("first message"));
        assertFalse(third.contains("failing message"), third);
    }

    @Test
    void badAssistantInputIs400BeforeAnyProviderCall() {
        chat("{\"message\":\"hi\",\"toolChoice\":\"deleteEverything\"}").statusCode(400)
                .body("detail", containsString("toolChoice"));
        chat("{\"message\":\"hi\",\"sessionId\":\"bad id!\"}").statusCode(400).body("detail", containsString("sessionId"));
        chat("{\"message\":\"hi\",\"thinkingBudget\":0}").statusCode(400).body("detail", containsString("thinkingBudget"));
        chat("{\"message\":\"hi\",\"thinking\":\"yes\"}").statusCode(400).body("detail", containsString("thinking"));
        chat("{\"message\":\"" + "x".repeat(8001) + "\"}").statusCode(400).body("detail", containsString("message"));
        assertEquals(0, requests(wire).size());
    }
}
