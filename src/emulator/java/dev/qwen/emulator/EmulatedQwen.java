package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A deterministic Qwen3 stand-in: the same request always gets the same reply, derived from the
 * request alone. It classifies messages, parses invoices, calls the tools offered ({@link ToolCalls}), answers
 * from tool results ({@link ResultAnswers}), fits any other schema asked for ({@link SchemaInstance}) and
 * stops at the caller's {@code max_tokens}.
 */
final class EmulatedQwen {

    private final ObjectMapper json;
    private final ToolCalls tools;
    private final ResultAnswers answers;

    EmulatedQwen(ObjectMapper json) {
        this.json = json;
        this.tools = new ToolCalls(json);
        this.answers = new ResultAnswers(json);
    }

    Reply reply(ChatRequestView c, boolean thinking) {
        String reasoning = thinking ? reasoningFor(c) : "";
        List<JsonNode> results = c.toolResultsThisTurn();
        if (ToolCalls.open(c, results)) {
            List<Reply.ToolCall> calls = tools.choose(c);
            if (!calls.isEmpty()) {
                return new Reply(reasoning, null, calls);
            }
        }
        String content = c.wantsJson() ? typed(c, results)
                : results.isEmpty() ? chatAnswer(c) : answers.answer(c, results);
        return Reply.text(reasoning, content).limitedTo(c.maxTokens());
    }

    private static String reasoningFor(ChatRequestView c) {
        String ask = c.lastUser();
        return "The user wrote: \"" + abbreviate(ask, 80) + "\". I should look at what they need"
                + (c.tools().isEmpty() ? ""
                        : ToolCalls.ORDER_TOOLS.containsAll(c.tools()) ? " and use the order tools where an order is named"
                                : " and use the tools where they help")
                + ", then answer briefly.";
    }

    // ---- answers ----------------------------------------------------------------------------

    /** Without a tool to call: what the user wrote, and what would make it call one. */
    private static String chatAnswer(ChatRequestView c) {
        String text = c.lastUser();
        List<String> callerTools = c.tools().stream().filter(t -> !ToolCalls.ORDER_TOOLS.contains(t)).toList();
        String hint = callerTools.isEmpty() ? "Name an order id such as A1001 and I can look it up."
                : "Mention " + String.join(" or ", callerTools) + " and I will call it.";
        return "Emulated Qwen3 here. You wrote: \"" + abbreviate(text, 200) + "\". " + hint;
    }

    // ---- typed output ----------------------------------------------------------------------

    /**
     * A typed answer for the task the requested schema describes, worked out from the user's request. A
     * caller's schema that only looks like one of the service's tasks gets an instance of its own instead.
     */
    private String typed(ChatRequestView c, List<JsonNode> results) {
        Optional<JsonNode> schema = c.schema();
        String text = c.taskText();
        JsonNode task = switch (TypedTask.of(schema, c.schemaName())) {
            case TRIAGE -> EmulatedTasks.triage(json, text);
            case INVOICE -> EmulatedTasks.invoice(json, text);
            case ORDER_REVIEW -> review(text, results);
            case OTHER -> null;
        };
        if (task != null && (schema.isEmpty() || SchemaCheck.fits(schema.get(), task))) {
            return task.toString();
        }
        return schema.map(s -> SchemaInstance.of(s, text))
                .orElseGet(() -> json.createObjectNode().put("answer", chatAnswer(c))).toString();
    }

    /** Tool results handed over as text: the JSON objects written one per line in the request. */
    private List<JsonNode> resultsInPrompt(String prompt) {
        List<JsonNode> results = new ArrayList<>();
        for (String line : prompt.lines().map(String::strip).toList()) {
            if (line.startsWith("{")) {
                ObjectNode message = json.createObjectNode();
                message.put("role", "tool").put("content", line);
                results.add(message);
            }
        }
        return results;
    }

    /** A review of every order id the request names, from the tool results (as messages, or as text). */
    private ObjectNode review(String text, List<JsonNode> toolMessages) {
        List<JsonNode> results = toolMessages.isEmpty() ? resultsInPrompt(text) : toolMessages;
        Map<String, ObjectNode> orders = new LinkedHashMap<>();
        for (String id : ChatRequestView.orderIds(text)) {
            ObjectNode o = json.createObjectNode();
            o.put("orderId", id).put("status", "NOT_FOUND").putNull("carrier").putNull("eta").putNull("problem");
            orders.put(id, o);
        }
        for (JsonNode message : results) {
            JsonNode r;
            try {
                r = json.readTree(message.path("content").asText());
            } catch (Exception e) {
                continue;
            }
            ObjectNode o = orders.get(r.path("orderId").asText());
            if (o == null) {
                continue;
            }
            if (r.has("trackingNumber")) {
                o.put("carrier", r.path("carrier").asText()).put("eta", r.path("eta").asText());
            } else if (r.has("items")) {
                o.put("status", r.path("status").asText());
                String status = r.path("status").asText();
                if ("PAID".equals(status) || "PLACED".equals(status)) {
                    o.put("problem", "not shipped yet");
                } else if ("CANCELLED".equals(status)) {
                    o.put("problem", "order was cancelled");
                }
            }
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("orders");
        ArrayNode actions = json.createArrayNode();
        orders.values().forEach(o -> {
            list.add(o);
            if (!o.path("problem").isNull()) {
                actions.add("Follow up on " + o.path("orderId").asText() + ": " + o.path("problem").asText());
            }
            if ("NOT_FOUND".equals(o.path("status").asText())) {
                actions.add("Check order id " + o.path("orderId").asText() + " with the customer");
            }
        });
        out.put("summary", "Reviewed " + orders.size() + " order(s); " + actions.size() + " need attention.");
        out.set("suggestedActions", actions);
        return out;
    }

    static String abbreviate(String s, int max) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
