package dev.qwen.assistant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The SSE endpoint through the emulator: the contract's events, in order of occurrence. */
@QuarkusTest
public class AssistantStreamTest {

    /** One event of a stream; {@link #parse} is used by other tests that read streams too. */
    public record Event(String name, JsonNode data) {
    }

    public static List<Event> parse(String body) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name, json.readTree(line.substring(5).trim())));
            }
        }
        return events;
    }

    private static String stream(String request) {
        return given().contentType("application/json").accept("text/event-stream").body(request)
                .post("/api/v1/assistant/chat/stream").then().statusCode(200)
                .header("X-Provider", "aimlapi")
                .contentType(org.hamcrest.Matchers.containsString("text/event-stream"))
                .extract().asString();
    }

    @Test
    void eventsComeInOrderAndEndWithDone() throws Exception {
        List<Event> events = parse(stream("{\"message\":\"Where are A1001 and A1002?\",\"thinking\":true}"));
        List<String> names = events.stream().map(Event::name).toList();

        assertFalse(names.contains("reasoning"), "reasoning only with includeReasoning: " + names);
        assertEquals("done", names.get(names.size() - 1));
        assertEquals(1, names.stream().filter("done"::equals).count());
        int firstCall = names.indexOf("tool_call");
        int firstResult = names.indexOf("tool_result");
        int firstToken = names.indexOf("token");
        assertTrue(firstCall >= 0 && firstCall < firstResult && firstResult < firstToken, names.toString());
        assertEquals(2, names.stream().filter("tool_call"::equals).count(), "one call per order, in one turn");
        Event call = events.get(firstCall);
        assertEquals("A1001", call.data().path("arguments").path("orderId").asText());
        // Results come as each tool finishes: every call gets exactly one, matched by id.
        List<String> callIds = events.stream().filter(e -> "tool_call".equals(e.name()))
                .map(e -> e.data().path("id").asText()).sorted().toList();
        List<String> resultIds = events.stream().filter(e -> "tool_result".equals(e.name()))
                .map(e -> e.data().path("id").asText()).sorted().toList();
        assertEquals(callIds, resultIds);
        Event result = events.stream().filter(e -> "tool_result".equals(e.name())
                && e.data().path("id").asText().equals(call.data().path("id").asText())).findFirst().orElseThrow();
        assertEquals("DHL", result.data().path("result").path("carrier").asText());
        String answer = events.stream().filter(e -> "token".equals(e.name())).map(e -> e.data().path("text").asText())
                .reduce("", String::concat);
        assertTrue(answer.contains("A1002 is DELIVERED"), answer);
        JsonNode done = events.get(events.size() - 1).data();
        assertEquals("aimlapi", done.path("provider").asText());
        assertTrue(done.path("usage").path("totalTokens").asInt() > 0);
        assertTrue(done.path("sessionId").asText().length() > 0);
    }

    @Test
    void reasoningEventsComeFirstWhenAskedFor() throws Exception {
        List<Event> events = parse(stream("{\"message\":\"hello\",\"thinking\":true,\"includeReasoning\":true}"));
        List<String> names = events.stream().map(Event::name).toList();

        assertEquals("reasoning", names.get(0));
        assertTrue(names.lastIndexOf("reasoning") < names.indexOf("token"), names.toString());
        String answer = events.stream().filter(e -> "token".equals(e.name())).map(e -> e.data().path("text").asText())
                .reduce("", String::concat);
        assertFalse(answer.contains("The user wrote"), "reasoning never inside the answer: " + answer);
    }

    @Test
    void invalidStreamRequestIsAPlain400Problem() {
        given().contentType("application/json").accept("text/event-stream").body("{\"message\":\"\"}")
                .post("/api/v1/assistant/chat/stream").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
