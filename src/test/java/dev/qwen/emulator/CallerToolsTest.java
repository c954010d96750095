package dev.qwen.emulator;

import static dev.qwen.emulator.TaskRecognitionTest.JSON;
import static dev.qwen.emulator.TaskRecognitionTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Any caller's tools and formats, not only the service's: a tool the message mentions is called, a forced
 * choice always gets a call (after tool results too), an answer follows the results, {@code max_tokens} cuts
 * the answer, and {@code json_object} follows the keys the prompt names.
 */
class CallerToolsTest {

    static final String WEATHER = "{\"name\":\"getWeather\",\"description\":\"Current weather in a city\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}";
    static final String ORDER_STATUS = "{\"name\":\"get_order_status\",\"description\":\"Where a customer's parcel is\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}}";
    static final String DOCS = "{\"name\":\"search_docs\",\"description\":\"Search the product manual for setup instructions\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}}";

    static ObjectNode offering(ObjectNode body, String... functions) throws Exception {
        ArrayNode tools = body.putArray("tools");
        for (String function : functions) {
            tools.addObject().put("type", "function").set("function", JSON.readTree(function));
        }
        return body;
    }

    /** The request after the caller ran {@code tool} and sent its result back. */
    static ObjectNode afterResult(ObjectNode body, String tool, String arguments, String result) {
        ArrayNode messages = (ArrayNode) body.path("messages");
        ObjectNode call = messages.addObject().put("role", "assistant").putNull("content");
        call.putArray("tool_calls").addObject().put("id", "call_7").put("type", "function")
                .putObject("function").put("name", tool).put("arguments", arguments);
        messages.addObject().put("role", "tool").put("tool_call_id", "call_7").put("content", result);
        return body;
    }

    static Reply reply(ObjectNode body) {
        return new EmulatedQwen(JSON).reply(new ChatRequestView(body), false);
    }

    static List<String> names(Reply reply) {
        return reply.toolCalls().stream().map(Reply.ToolCall::name).toList();
    }

    @Test
    void aToolTheMessageMentionsByNameOrDescriptionIsCalledWithArgumentsFromIt() throws Exception {
        Reply weather = reply(offering(request(null, "What's the weather in Paris?"), WEATHER, ORDER_STATUS, DOCS));
        assertEquals(List.of("getWeather"), names(weather));
        assertEquals("{\"city\":\"Paris\"}", weather.toolCalls().get(0).arguments());
        assertEquals("tool_calls", weather.finishReason());

        Reply status = reply(offering(request(null, "Order status of A1002?"), WEATHER, ORDER_STATUS, DOCS));
        assertEquals(List.of("get_order_status"), names(status));
        assertEquals("{\"order_id\":\"A1002\"}", status.toolCalls().get(0).arguments());

        Reply manual = reply(offering(request(null, "How do I do the setup of the router?"), WEATHER, DOCS));
        assertEquals(List.of("search_docs"), names(manual), "description words");

        assertEquals(List.of(), names(reply(offering(request(null, "Hello there"), WEATHER, DOCS))));
    }

    @Test
    void severalMentionedToolsAreCalledAtOnceUnlessParallelCallsAreOff() throws Exception {
        ObjectNode body = offering(request(null, "Weather in Oslo, and the status of A1001"), WEATHER, ORDER_STATUS);
        assertEquals(List.of("getWeather", "get_order_status"), names(reply(body)));
        body.put("parallel_tool_calls", false);
        assertEquals(List.of("getWeather"), names(reply(body)));
    }

    @Test
    void theServicesOwnToolsStillFollowOrderIdsNotMentions() throws Exception {
        ObjectNode body = TaskRecognitionTest.withTools(request(null, "What is the status of my order?"), "getOrder",
                "trackShipment");
        assertEquals(List.of(), names(reply(body)), "no id named: the model asks for one, as before");
    }

    @Test
    void aForcedChoiceGetsACallAlsoAfterToolResultsAndAutoThenAnswersFromTheResult() throws Exception {
        String result = "{\"city\":\"Paris\",\"sky\":\"sunny\",\"celsius\":21}";
        ObjectNode named = afterResult(offering(request(null, "Weather in Paris?"), WEATHER, DOCS), "getWeather",
                "{\"city\":\"Paris\"}", result);
        named.putObject("tool_choice").put("type", "function").putObject("function").put("name", "search_docs");
        assertEquals(List.of("search_docs"), names(reply(named)));

        ObjectNode required = afterResult(offering(request(null, "Hi!"), WEATHER), "getWeather", "{\"city\":\"x\"}",
                result).put("tool_choice", "required");
        assertEquals(List.of("getWeather"), names(reply(required)), "nothing mentioned, still a call");

        Reply answer = reply(afterResult(offering(request(null, "Weather in Paris?"), WEATHER), "getWeather",
                "{\"city\":\"Paris\"}", result));
        assertEquals(List.of(), answer.toolCalls());
        assertTrue(answer.content().contains("getWeather") && answer.content().contains("sunny")
                && answer.content().contains("Emulated"), answer.content());

        ObjectNode none = offering(request(null, "Weather in Paris?"), WEATHER).put("tool_choice", "none");
        assertEquals(List.of(), names(reply(none)));
    }

    @Test
    void maxTokensCutsTheAnswerAndSaysSo() {
        ObjectNode body = request(null, "Tell me everything about the history of Paris, please.");
        Reply whole = reply(body);
        Reply cut = reply(body.put("max_tokens", 5));
        assertEquals("stop", whole.finishReason());
        assertEquals("length", cut.finishReason());
        assertTrue(whole.content().startsWith(cut.content()) && Reply.tokens(cut.content()) <= 5, cut.content());

        assertEquals("stop", reply(request(null, "Hi").put("max_completion_tokens", 500)).finishReason());
    }

    @Test
    void jsonObjectFollowsTheKeysThePromptNames() throws Exception {
        ObjectNode joke = request(null, "Tell me a joke about cats. Respond in JSON with setup and punchline keys.");
        joke.putObject("response_format").put("type", "json_object");
        JsonNode answer = JSON.readTree(reply(joke).content());
        assertEquals(List.of("setup", "punchline"), fields(answer));
        assertTrue(answer.path("setup").isTextual() && answer.path("punchline").isTextual(), answer.toString());

        ObjectNode nothingStated = request(null, "Why is the sky blue?");
        nothingStated.putObject("response_format").put("type", "json_object");
        assertTrue(JSON.readTree(reply(nothingStated).content()).path("answer").isTextual());
    }

    @Test
    void aCallersSchemaThatOnlyLooksLikeTriageGetsItsOwnShape() throws Exception {
        String ticket = "{\"type\":\"object\",\"properties\":{\"category\":{\"type\":\"string\",\"enum\":[\"bug\",\"feature\"]},"
                + "\"priority\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5}},\"required\":[\"category\",\"priority\"]}";
        JsonNode answer = TaskRecognitionTest.answer(TaskRecognitionTest.withSchema(
                request(null, "The export crashes: a bug, priority 4"), "ticket", ticket));
        SchemaInstanceTest.assertValid(JSON.readTree(ticket), answer);
        assertEquals("bug", answer.path("category").asText());
        assertEquals(4, answer.path("priority").asInt());
    }

    @Test
    void statedKeysAreReadInTheCommonWordings() {
        assertEquals(List.of("setup", "punchline"), keys("Respond in JSON with setup and punchline keys."));
        assertEquals(List.of("answer", "source"), keys("Return an object containing two keys: \"answer\" and \"source\"."));
        assertEquals(List.of("name", "age", "city"), keys("Use the fields name, age and city."));
        assertEquals("number", StatedKeys.in("Reply like {\"name\": \"Ann\", \"age\": 30}").orElseThrow()
                .path("properties").path("age").path("type").asText());
        assertNull(StatedKeys.in("Tell me a joke.").orElse(null));
    }

    static List<String> keys(String prompt) {
        return fields(StatedKeys.in(prompt).orElseThrow().path("properties"));
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
