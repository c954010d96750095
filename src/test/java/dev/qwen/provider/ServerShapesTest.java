package dev.qwen.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.qwen.support.ServerShapes.array;
import static dev.qwen.support.ServerShapes.contentPieces;
import static dev.qwen.support.ServerShapes.delta;
import static dev.qwen.support.ServerShapes.fields;
import static dev.qwen.support.ServerShapes.markup;
import static dev.qwen.support.ServerShapes.message;
import static dev.qwen.support.ServerShapes.stream;
import static dev.qwen.support.ServerShapes.toolCall;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.SseEvents;
import dev.qwen.support.SseEvents.Event;
import dev.qwen.support.WireTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every path (typed calls, the assistant, its stream, {@code /v1} streamed and not) against replies in the
 * shapes the servers that host Qwen3 really send: reasoning under {@code reasoning}, under both names, or as a
 * {@code <think>} block cut across chunks; an answer misrouted into the reasoning field; tool calls left in
 * content as markup; extra calls despite {@code parallel_tool_calls: false}; a forced choice answered without
 * the call. Run once per dialect ({@link AimlApiServerShapesTest}, {@link TirServerShapesTest}); each test
 * asserts what the caller got and what went upstream.
 */
abstract class ServerShapesTest extends WireTest {

    private static final String TRIAGE_JSON = "{\"category\":\"SHIPPING\",\"priority\":\"MEDIUM\",\"sentiment\":"
            + "\"NEUTRAL\",\"summary\":\"Asks where A1001 is.\",\"orderIds\":[\"A1001\"],\"language\":\"en\"}";


    private JsonNode sent(int i) {
        return body(requests(wire).get(i));
    }

    private static ValidatableResponse chat(String json) {
        return given().contentType("application/json").body(json).post("/api/v1/assistant/chat").then();
    }

    private static List<Event> assistantStream(String json) {
        String body = given().contentType("application/json").accept("text/event-stream").body(json)
                .post("/api/v1/assistant/chat/stream").then().statusCode(200).extract().asString();
        return SseEvents.parse(body);
    }

    private static ValidatableResponse v1(String json) {
        return given().contentType("application/json").body(json).post("/v1/chat/completions").then();
    }

    /** The data of every chunk of a /v1 stream, [DONE] left out. */
    private static List<JsonNode> v1Stream(String json) {
        String body = given().contentType("application/json").body(json).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();
        return SseEvents.parse(body).stream().map(Event::data).filter(d -> d != null).toList();
    }

    private static String joined(List<JsonNode> chunks, String field) {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            JsonNode value = chunk.path("choices").path(0).path("delta").path(field);
            if (value.isTextual()) {
                text.append(value.asText());
            }
        }
        return text.toString();
    }

    // ---- reasoning under any name ----------------------------------------------------------------------

    @Test
    void reasoningUnderTheNameReasoningReachesTheAssistant() {
        script(stream("stop", List.of(delta("reasoning", "Let me look. "), delta("reasoning", "It is fine."),
                delta("content", "\n\nAll good."))));

        chat("{\"message\":\"Is all well?\",\"thinking\":true,\"includeReasoning\":true,\"toolChoice\":\"none\"}")
                .statusCode(200)
                .body("reasoning", is("Let me look. It is fine."))
                .body("answer", is("All good."));
        assertTrue(sent(0).path("stream").asBoolean(), "thinking streams upstream");
    }

    @Test
    void reasoningUnderTheNameReasoningReachesTheStream() {
        script(stream("stop", List.of(delta("reasoning", "Let me look. "), delta("reasoning", "It is fine."),
                delta("content", "\n\nAll good."))));

        List<Event> events = assistantStream(
                "{\"message\":\"Is all well?\",\"thinking\":true,\"includeReasoning\":true,\"toolChoice\":\"none\"}");

        assertEquals(List.of("Let me look. ", "It is fine."), SseEvents.texts(events, "reasoning"));
        assertEquals("All good.", String.join("", SseEvents.texts(events, "token")), "blank lines after reasoning trimmed");
        assertEquals("done", events.getLast().name());
    }

    @Test
    void reasoningUnderTheNameReasoningIsReasoningContentOnV1() {
        script(stream("stop", List.of(delta("reasoning", "Hmm."), delta("content", "\n\nHi!"))));
        JsonNode message = v1("{\"model\":\"qwen3-32b\",\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").statusCode(200).extract().jsonPath().getObject("choices[0].message",
                        JsonNode.class);
        assertEquals("Hmm.", message.path("reasoning_content").asText());
        assertEquals("Hi!", message.path("content").asText());
        assertFalse(message.has("reasoning"), "one name for callers: reasoning_content");

        wire.resetAll();
        script(stream("stop", List.of(delta("reasoning", "Hmm."), delta("content", "\n\nHi!"))));
        List<JsonNode> chunks = v1Stream("{\"model\":\"qwen3-32b\",\"stream\":true,\"reasoning_effort\":\"low\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals("Hmm.", joined(chunks, "reasoning_content"));
        assertEquals("Hi!", joined(chunks, "content"));
        assertEquals("", joined(chunks, "reasoning"));
    }

    @Test
    void reasoningSentUnderBothNamesIsCountedOnce() {
        script(stream("stop", List.of("{\"reasoning\":\"Think.\",\"reasoning_content\":\"Think.\"}",
                delta("content", "Done."))));

        chat("{\"message\":\"Go\",\"thinking\":true,\"includeReasoning\":true,\"toolChoice\":\"none\"}")
                .statusCode(200).body("reasoning", is("Think.")).body("answer", is("Done."));
    }

    @Test
    void aThinkBlockCutAcrossChunksIsReasoningAndNeverATokenOnTheStream() {
        script(stream("stop", List.of(delta("content", "<think>"), delta("content", "Checking"),
                delta("content", "\n</think"), delta("content", ">\n\nDone."))));

        List<Event> events = assistantStream(
                "{\"message\":\"Go\",\"thinking\":true,\"includeReasoning\":true,\"toolChoice\":\"none\"}");

        assertEquals("Checking", String.join("", SseEvents.texts(events, "reasoning")).strip());
        assertEquals("Done.", String.join("", SseEvents.texts(events, "token")));
    }

    // ---- an answer misrouted into the reasoning field ---------------------------------------------------

    @Test
    void aTypedAnswerInTheReasoningFieldIsParsed() {
        script(message(fields("content", null, "reasoning", TRIAGE_JSON), "stop"));

        given().contentType("application/json").body("{\"text\":\"Where is A1001?\"}").post("/api/v1/triage").then()
                .statusCode(200).body("category", is("SHIPPING")).body("orderIds[0]", is("A1001"));
        assertEquals(1, requests(wire).size(), "no repair round was needed");

        wire.resetAll();
        script(message(fields("content", "", "reasoning_content", TRIAGE_JSON), "stop"));
        given().contentType("application/json").body("{\"text\":\"Where is A1001?\"}").post("/api/v1/triage").then()
                .statusCode(200).body("category", is("SHIPPING"));
    }

    @Test
    void anAnswerInTheReasoningFieldIsTheAssistantsAnswerAndV1sContent() {
        script(message(fields("content", null, "reasoning", "A1001 has shipped."), "stop"));
        chat("{\"message\":\"Where is A1001?\",\"toolChoice\":\"none\",\"includeReasoning\":true}").statusCode(200)
                .body("answer", is("A1001 has shipped.")).body("reasoning", nullValue());

        wire.resetAll();
        script(message(fields("content", null, "reasoning", "A1001 has shipped."), "stop"));
        JsonNode message = v1("{\"model\":\"qwen3-32b\",\"messages\":[{\"role\":\"user\",\"content\":\"A1001?\"}]}")
                .statusCode(200).extract().jsonPath().getObject("choices[0].message", JsonNode.class);
        assertEquals("A1001 has shipped.", message.path("content").asText());
        assertFalse(message.has("reasoning_content"), "thinking was off: it was the answer, not reasoning");
    }

    @Test
    void anAnswerStreamedInTheReasoningFieldArrivesAsTokens() {
        script(stream("stop", List.of(delta("reasoning", "A1001 "), delta("reasoning", "has shipped."))));
        List<Event> events = assistantStream("{\"message\":\"Where is A1001?\",\"toolChoice\":\"none\"}");
        assertEquals("A1001 has shipped.", String.join("", SseEvents.texts(events, "token")));
        assertTrue(SseEvents.texts(events, "reasoning").isEmpty());

        wire.resetAll();
        script(stream("stop", List.of(delta("reasoning", "A1001 "), delta("reasoning", "has shipped."))));
        List<JsonNode> chunks = v1Stream("{\"model\":\"qwen3-32b\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"A1001?\"}]}");
        assertEquals("A1001 has shipped.", joined(chunks, "content"));
    }

    // ---- tool calls left in text ----------------------------------------------------------------------

    @Test
    void aToolCallLeftInContentRunsTheTool() {
        script(message(fields("content", "Let me check.\n\n" + markup("getOrder", "{\"orderId\": \"A1001\"}"),
                "tool_calls", array()), "stop"),
                message(fields("content", "A1001 has shipped."), "stop"));

        chat("{\"message\":\"Where is A1001?\"}").statusCode(200)
                .body("answer", is("A1001 has shipped."))
                .body("toolCalls.size()", is(1))
                .body("toolCalls[0].name", is("getOrder"))
                .body("toolCalls[0].id", not(emptyOrNullString()))
                .body("toolCalls[0].arguments.orderId", is("A1001"))
                .body("toolCalls[0].result.status", is("SHIPPED"));

        assertEquals(2, requests(wire).size());
        JsonNode assistant = messages(sent(1), "assistant").getLast();
        JsonNode tool = messages(sent(1), "tool").getLast();
        assertEquals("getOrder", assistant.path("tool_calls").path(0).path("function").path("name").asText());
        assertEquals(assistant.path("tool_calls").path(0).path("id").asText(), tool.path("tool_call_id").asText());
        assertFalse(assistant.path("content").asText("").contains("<tool_call>"), "the markup is not history");
        assertTrue(tool.path("content").asText().contains("SHIPPED"));
    }

    @Test
    void severalToolCallBlocksAreSeveralCalls() {
        script(message(fields("content", markup("getOrder", "{\"orderId\": \"A1001\"}") + "\n"
                + markup("trackShipment", "{\"orderId\": \"A1001\"}"), "tool_calls", array()), "stop"),
                message(fields("content", "Shipped, with DHL."), "stop"));

        chat("{\"message\":\"Where is A1001?\"}").statusCode(200)
                .body("toolCalls.name", is(List.of("getOrder", "trackShipment")))
                .body("toolCalls[1].result.carrier", not(emptyOrNullString()));
        assertEquals(2, messages(sent(1), "tool").size());
    }

    @Test
    void markupStreamedPieceByPieceNeverReachesTheCaller() {
        String reply = "One moment. " + markup("getOrder", "{\"orderId\": \"A1001\"}");
        script(stream("stop", contentPieces(reply, 4)), stream("stop", List.of(delta("content", "It shipped."))));

        List<Event> events = assistantStream("{\"message\":\"Where is A1001?\"}");

        List<String> names = SseEvents.names(events);
        assertTrue(names.indexOf("tool_call") < names.indexOf("tool_result"), names.toString());
        assertEquals("getOrder", events.get(names.indexOf("tool_call")).data().path("name").asText());
        assertEquals("SHIPPED", events.get(names.indexOf("tool_result")).data().path("result").path("status").asText());
        String tokens = String.join("", SseEvents.texts(events, "token"));
        assertFalse(tokens.contains("<") || tokens.contains("tool_call") || tokens.contains("orderId"), tokens);
        assertTrue(tokens.startsWith("One moment.") && tokens.endsWith("It shipped."), tokens);
        assertEquals("done", names.getLast());
    }

    @Test
    void v1AnswersMarkupAsToolCalls() {
        String request = "{\"model\":\"qwen3-32b\",%s\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"getWeather\",\"parameters\":{\"type\":"
                + "\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}";
        script(message(fields("content", markup("getWeather", "{\"city\": \"Paris\"}"), "tool_calls", array()), "stop"));

        v1(request.formatted("")).statusCode(200)
                .body("choices[0].finish_reason", is("tool_calls"))
                .body("choices[0].message.tool_calls[0].function.name", is("getWeather"))
                .body("choices[0].message.tool_calls[0].function.arguments", is("{\"city\":\"Paris\"}"))
                .body("choices[0].message.tool_calls[0].id", not(emptyOrNullString()))
                .body("choices[0].message.content", nullValue());

        wire.resetAll();
        script(stream("stop", contentPieces(markup("getWeather", "{\"city\": \"Paris\"}"), 3)));
        List<JsonNode> chunks = v1Stream(request.formatted("\"stream\":true,"));
        assertEquals("", joined(chunks, "content"), "no markup as content");
        List<JsonNode> calls = new ArrayList<>();
        String finish = null;
        for (JsonNode chunk : chunks) {
            chunk.path("choices").path(0).path("delta").path("tool_calls").forEach(calls::add);
            JsonNode reason = chunk.path("choices").path(0).path("finish_reason");
            finish = reason.isTextual() ? reason.asText() : finish;
        }
        assertEquals(1, calls.size());
        assertEquals("getWeather", calls.get(0).path("function").path("name").asText());
        assertEquals("tool_calls", finish);
    }

    @Test
    void aThinkingV1StreamShowsTheReasoningBeforeItsToolCall() {
        script(stream("tool_calls", List.of(delta("reasoning", "The user wants weather. "),
                "{\"tool_calls\":[{\"index\":0,\"id\":\"chatcmpl-tool-5\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"getWeather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}]}")));
        List<JsonNode> chunks = v1Stream("{\"model\":\"qwen3-32b\",\"stream\":true,\"reasoning_effort\":\"low\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"tools\":[{\"type\":"
                + "\"function\",\"function\":{\"name\":\"getWeather\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}");
        assertEquals("The user wants weather. ", joined(chunks, "reasoning_content"));
        assertTrue(chunks.stream().anyMatch(c -> c.path("choices").path(0).path("delta").has("tool_calls")));
    }

    // ---- parallel_tool_calls: false kept by the service -----------------------------------------------

    @Test
    void withParallelToolCallsFalseOnlyTheFirstCallRuns() {
        script(message(fields("content", null, "tool_calls", array(
                toolCall("chatcmpl-tool-1", "getOrder", "{\"orderId\":\"A1001\"}"),
                toolCall("chatcmpl-tool-2", "getOrder", "{\"orderId\":\"A1002\"}"))), "tool_calls"),
                message(fields("content", "A1001 has shipped."), "stop"));

        chat("{\"message\":\"A1001 and A1002?\",\"parallelToolCalls\":false}").statusCode(200)
                .body("toolCalls.size()", is(1))
                .body("toolCalls[0].arguments.orderId", is("A1001"));

        assertFalse(sent(0).path("parallel_tool_calls").asBoolean(true), "sent as asked");
        JsonNode assistant = messages(sent(1), "assistant").getLast();
        assertEquals(1, assistant.path("tool_calls").size(), "the model sees the call that ran");
        assertEquals(1, messages(sent(1), "tool").size());
    }

    // ---- a forced choice the provider ignored ---------------------------------------------------------

    @Test
    void aForcedChoiceAnsweredWithoutTheCallIsAskedOnceMore() {
        script(message(fields("content", "Sure, let me think."), "stop"),
                message(fields("content", null, "tool_calls",
                        array(toolCall("c1", "getOrder", "{\"orderId\":\"A1001\"}"))), "tool_calls"),
                message(fields("content", "A1001 has shipped."), "stop"));

        chat("{\"message\":\"Where is A1001?\",\"toolChoice\":\"getOrder\"}").statusCode(200)
                .body("answer", is("A1001 has shipped.")).body("toolCalls[0].name", is("getOrder"));

        assertEquals(3, requests(wire).size());
        assertEquals("getOrder", sent(1).path("tool_choice").path("function").path("name").asText(),
                "the choice is sent again");
        assertTrue(lastUserText(sent(1)).contains("getOrder"), "and restated to the model");
        assertEquals("auto", sent(2).path("tool_choice").asText());
    }

    @Test
    void aForcedChoiceIgnoredTwiceIsInvalidModelOutput() {
        script(message(fields("content", "No tools needed."), "stop"));

        chat("{\"message\":\"Any hubs?\",\"toolChoice\":\"required\"}").statusCode(502)
                .contentType("application/problem+json").body("code", is("invalid_model_output"));
        assertEquals(2, requests(wire).size());
        assertEquals("required", sent(1).path("tool_choice").asText());
    }

    @Test
    void aForcedChoiceIgnoredOnTheStreamShowsNoneOfTheIgnoredText() {
        script(stream("stop", List.of(delta("content", "Sure, "), delta("content", "let me think."))),
                stream("tool_calls", List.of(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"chatcmpl-tool-9\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"getOrder\"}}]}",
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"orderId\\\": \"}}]}",
                        "{\"content\":null}",
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"A1001\\\"}\"}}]}")),
                stream("stop", List.of(delta("content", "It shipped."))));

        List<Event> events = assistantStream("{\"message\":\"Where is A1001?\",\"toolChoice\":\"getOrder\"}");

        assertEquals("It shipped.", String.join("", SseEvents.texts(events, "token")));
        assertEquals("A1001", events.get(SseEvents.names(events).indexOf("tool_call")).data().path("arguments")
                .path("orderId").asText());
        assertEquals(3, requests(wire).size());
    }

    @Test
    void v1PassesAForcedChoiceAsAskedAndTheAnswerAsItCame() {
        script(message(fields("content", "No call from me."), "stop"));

        v1("{\"model\":\"qwen3-32b\",\"tool_choice\":\"required\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"getWeather\",\"parameters\":{\"type\":"
                + "\"object\",\"properties\":{}}}}]}")
                .statusCode(200).body("choices[0].message.content", is("No call from me."))
                .body("choices[0].finish_reason", is("stop"));
        assertEquals(1, requests(wire).size(), "the caller runs the tools here: no second call");
        assertEquals("required", sent(0).path("tool_choice").asText());
    }

    private static String lastUserText(JsonNode body) {
        List<JsonNode> users = messages(body, "user");
        return users.isEmpty() ? "" : users.getLast().path("content").asText();
    }
}
