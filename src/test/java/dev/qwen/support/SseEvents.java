package dev.qwen.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a Server-Sent Events body the way a client does: named events with JSON data, in order. */
public final class SseEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Event(String name, JsonNode data) {
    }

    private SseEvents() {
    }

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String data = line.substring(5).trim();
                try {
                    events.add(new Event(name, "[DONE]".equals(data) ? null : JSON.readTree(data)));
                } catch (Exception e) {
                    throw new AssertionError("event data is not JSON: " + data, e);
                }
                name = null;
            }
        }
        return events;
    }

    public static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    /** The texts of the events with this name, in order. */
    public static List<String> texts(List<Event> events, String name) {
        return events.stream().filter(e -> name.equals(e.name())).map(e -> e.data().path("text").asText()).toList();
    }
}
