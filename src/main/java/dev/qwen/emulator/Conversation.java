package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Read-only view of an OpenAI chat-completions request, as the emulator needs it. */
record Conversation(JsonNode body) {

    static final Pattern ORDER_ID = Pattern.compile("\\b[A-Z]\\d{4}\\b");
    static final Pattern SKU = Pattern.compile("\\b[A-Z]{2,4}-[0-9A-Z]{1,4}\\b");

    JsonNode messages() {
        return body.path("messages");
    }

    String text(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    String system() {
        StringBuilder text = new StringBuilder();
        for (JsonNode m : messages()) {
            if ("system".equals(m.path("role").asText())) {
                text.append(text(m)).append('\n');
            }
        }
        return text.toString();
    }

    /** The first user message: what a typed task (and its repair rounds) is about. */
    String firstUser() {
        for (JsonNode m : messages()) {
            if ("user".equals(m.path("role").asText())) {
                return stripSwitch(text(m));
            }
        }
        return "";
    }

    String lastUser() {
        String last = "";
        for (JsonNode m : messages()) {
            if ("user".equals(m.path("role").asText())) {
                last = text(m);
            }
        }
        return stripSwitch(last);
    }

    boolean lastUserHasNoThink() {
        String last = "";
        for (JsonNode m : messages()) {
            if ("user".equals(m.path("role").asText())) {
                last = text(m);
            }
        }
        return last.strip().endsWith("/no_think");
    }

    /** Order ids of the most recent earlier user message that named any: what "it" refers to. */
    List<String> orderIdsFromHistory() {
        List<JsonNode> users = new ArrayList<>();
        messages().forEach(m -> {
            if ("user".equals(m.path("role").asText())) {
                users.add(m);
            }
        });
        for (int i = users.size() - 2; i >= 0; i--) { // skip the current (last) user message
            List<String> found = orderIds(text(users.get(i)));
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** Tool results that came after the last user message (the current turn's), in order. */
    List<JsonNode> toolResultsThisTurn() {
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode m : messages()) {
            String role = m.path("role").asText();
            if ("user".equals(role)) {
                results.clear();
            } else if ("tool".equals(role)) {
                results.add(m);
            }
        }
        return results;
    }

    /** Tool names offered, in order. */
    List<String> tools() {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            names.add(tool.path("function").path("name").asText());
        }
        return names;
    }

    /** "auto", "none", "required" or the named function. */
    String toolChoice() {
        JsonNode choice = body.path("tool_choice");
        if (choice.isObject()) {
            return choice.path("function").path("name").asText();
        }
        return choice.isTextual() ? choice.asText() : "auto";
    }

    boolean parallelToolCalls() {
        return body.path("parallel_tool_calls").asBoolean(true);
    }

    boolean streaming() {
        return body.path("stream").asBoolean(false);
    }

    /** Property names of the requested JSON schema, or of a schema spelled out in the system prompt. */
    String schemaHint() {
        JsonNode format = body.path("response_format");
        if (format.path("json_schema").isObject()) {
            return format.path("json_schema").path("schema").toString();
        }
        return system();
    }

    boolean wantsJson() {
        String type = body.path("response_format").path("type").asText("");
        return "json_schema".equals(type) || "json_object".equals(type);
    }

    static List<String> orderIds(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ORDER_ID.matcher(text);
        while (m.find()) {
            ids.add(m.group());
        }
        return new ArrayList<>(ids);
    }

    static List<String> skus(String text) {
        Set<String> skus = new LinkedHashSet<>();
        Matcher m = SKU.matcher(text);
        while (m.find()) {
            skus.add(m.group());
        }
        return new ArrayList<>(skus);
    }

    private static String stripSwitch(String text) {
        String t = text.strip();
        return t.endsWith("/no_think") ? t.substring(0, t.length() - "/no_think".length()).strip() : t;
    }
}
