package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Read-only view of an OpenAI chat-completions request, as the emulator needs it. It reads what is stable
 * in a request (the roles, the requested JSON schema, the tools offered) and the user's text; it never
 * looks for the service's own prompt wording.
 */
record ChatRequestView(JsonNode body) {

    static final Pattern ORDER_ID = Pattern.compile("\\b[A-Z]\\d{4}\\b");
    static final Pattern SKU = Pattern.compile("\\b[A-Z]{2,4}-[0-9A-Z]{1,4}\\b");
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, true);

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

    private List<String> texts(String role) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages()) {
            if (role.equals(m.path("role").asText())) {
                out.add(text(m));
            }
        }
        return out;
    }

    /** The last user message, without Qwen3's {@code /no_think} switch: what the user asks now. */
    String lastUser() {
        List<String> users = texts("user");
        return users.isEmpty() ? "" : stripSwitch(users.get(users.size() - 1));
    }

    /**
     * The text a typed task works on: the user message of the request. That is the last user message; in a
     * repair round (the model's earlier answer and a note follow it) it is still the one before the first
     * assistant message.
     */
    String taskText() {
        String last = "";
        for (JsonNode m : messages()) {
            String role = m.path("role").asText();
            if ("assistant".equals(role)) {
                break;
            }
            if ("user".equals(role)) {
                last = text(m);
            }
        }
        return last.isEmpty() ? lastUser() : stripSwitch(last);
    }

    boolean lastUserHasNoThink() {
        List<String> users = texts("user");
        return !users.isEmpty() && users.get(users.size() - 1).strip().endsWith("/no_think");
    }

    /** Order ids of the most recent earlier user message that named any: what "it" refers to. */
    List<String> orderIdsFromHistory() {
        List<String> users = texts("user");
        for (int i = users.size() - 2; i >= 0; i--) { // skip the current (last) user message
            List<String> found = orderIds(users.get(i));
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
        return functions().stream().map(f -> f.path("name").asText()).toList();
    }

    /** The functions offered ({@code name}, {@code description}, {@code parameters}), in order. */
    List<JsonNode> functions() {
        List<JsonNode> functions = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            functions.add(tool.path("function"));
        }
        return functions;
    }

    /** The name of the tool whose result a tool message carries: its own name, else its call's. */
    String toolName(JsonNode toolMessage) {
        if (toolMessage.path("name").isTextual()) {
            return toolMessage.path("name").asText();
        }
        String id = toolMessage.path("tool_call_id").asText();
        for (JsonNode m : messages()) {
            for (JsonNode call : m.path("tool_calls")) {
                if (id.equals(call.path("id").asText())) {
                    return call.path("function").path("name").asText();
                }
            }
        }
        return "the tool";
    }

    /** The caller's output limit ({@code max_completion_tokens}, else {@code max_tokens}), or 0 for none. */
    int maxTokens() {
        return body.path("max_completion_tokens").asInt(body.path("max_tokens").asInt(0));
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

    boolean wantsJson() {
        String type = body.path("response_format").path("type").asText("");
        return "json_schema".equals(type) || "json_object".equals(type);
    }

    /** The name given to the requested JSON schema ({@code response_format.json_schema.name}), or "". */
    String schemaName() {
        return body.path("response_format").path("json_schema").path("name").asText("");
    }

    /**
     * The JSON schema the answer must match: the one in {@code response_format}, or, when only
     * {@code json_object} was asked for, a schema written out in a system message or the last user message
     * (the first JSON object there that has {@code properties}), else the keys the prompt asks for.
     */
    Optional<JsonNode> schema() {
        JsonNode format = body.path("response_format").path("json_schema").path("schema");
        if (format.isObject()) {
            return Optional.of(format);
        }
        List<String> prompts = new ArrayList<>(texts("system"));
        prompts.add(lastUser());
        for (String prompt : prompts) {
            Optional<JsonNode> found = schemaIn(prompt);
            if (found.isPresent()) {
                return found;
            }
        }
        return StatedKeys.in(String.join("\n", prompts)).map(JsonNode.class::cast);
    }

    static Optional<JsonNode> schemaIn(String text) {
        for (int at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
            try (JsonParser parser = LENIENT.createParser(text.substring(at))) {
                JsonNode node = LENIENT.readTree(parser); // reads one value and ignores what follows
                if (node != null && node.path("properties").isObject()) {
                    return Optional.of(node);
                }
            } catch (Exception e) {
                // not a JSON object starting here: look further
            }
        }
        return Optional.empty();
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
