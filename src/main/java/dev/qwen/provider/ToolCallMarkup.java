package dev.qwen.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/**
 * Tool calls that a server left in the answer text. Qwen3 writes a call in its chat template's (hermes)
 * form, {@code <tool_call>{"name": …, "arguments": {…}}</tool_call>}; when the server's tool parser does
 * not fire, that text arrives as content with no {@code tool_calls}. Each block becomes a real call with an
 * id of our own; the text outside the blocks stays the answer.
 */
final class ToolCallMarkup {

    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";

    private static final Logger LOG = Logger.getLogger(ToolCallMarkup.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCallMarkup() {
    }

    /** The answer without the blocks, and the calls they held, in order. */
    record Extracted(String text, List<ToolExecutionRequest> calls) {
    }

    static boolean present(String text) {
        return text != null && text.contains(OPEN);
    }

    static Extracted extract(String text) {
        StringBuilder outside = new StringBuilder();
        List<ToolExecutionRequest> calls = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf(OPEN, from);
            if (open < 0) {
                outside.append(text, from, text.length());
                break;
            }
            outside.append(text, from, open);
            int close = text.indexOf(CLOSE, open);
            // An unclosed last block (the answer was cut) is read as far as it goes; markup never stays text.
            String inside = text.substring(open + OPEN.length(), close < 0 ? text.length() : close);
            ToolExecutionRequest call = call(inside);
            if (call != null) {
                calls.add(call);
            }
            if (close < 0) {
                break;
            }
            from = close + CLOSE.length();
        }
        return new Extracted(outside.toString().strip(), List.copyOf(calls));
    }

    private static ToolExecutionRequest call(String inside) {
        JsonNode node;
        try {
            node = JSON.readTree(inside.strip());
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("name").isTextual()) {
            LOG.warn("a tool-call block in the model's text could not be read; it was dropped");
            return null;
        }
        JsonNode arguments = node.has("arguments") ? node.get("arguments") : node.path("parameters");
        String argumentsJson = arguments.isTextual() ? arguments.asText()
                : arguments.isObject() ? arguments.toString() : "{}";
        return ToolExecutionRequest.builder()
                .id("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .name(node.get("name").asText())
                .arguments(argumentsJson)
                .build();
    }
}
