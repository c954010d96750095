package dev.qwen.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A deterministic Qwen3 stand-in: the same request always gets the same reply, derived from the
 * request alone. It classifies messages, parses invoices, calls tools when tools are offered (one call
 * per order id named, all at once unless {@code parallel_tool_calls} is false) and answers from tool
 * results.
 */
final class EmulatedQwen {

    private final ObjectMapper json;

    EmulatedQwen(ObjectMapper json) {
        this.json = json;
    }

    Reply reply(Conversation c, boolean thinking) {
        String reasoning = thinking ? reasoningFor(c) : "";
        List<JsonNode> results = c.toolResultsThisTurn();
        boolean toolsOpen = !c.tools().isEmpty() && !"none".equals(c.toolChoice()) && results.isEmpty();
        if (toolsOpen) {
            List<Reply.ToolCall> calls = toolCalls(c);
            if (!calls.isEmpty()) {
                return new Reply(reasoning, null, calls);
            }
        }
        if (c.wantsJson()) {
            return Reply.text(reasoning, typed(c, results));
        }
        return Reply.text(reasoning, results.isEmpty() ? chatAnswer(c) : answerFromResults(results));
    }

    private static String reasoningFor(Conversation c) {
        String ask = c.lastUser();
        return "The user wrote: \"" + abbreviate(ask, 80) + "\". I should look at what they need"
                + (c.tools().isEmpty() ? "" : " and use the order tools where an order is named")
                + ", then answer briefly.";
    }

    // ---- tool calls -------------------------------------------------------------------------

    /**
     * Tool calls from what is offered and what the user names: one call per order id in the last user message
     * (or, for "where is it now?", in the last earlier one that named any), all at once unless
     * {@code parallel_tool_calls} is false. Which tool follows the user's words: a refund request, a
     * question about the parcel, else the order itself; several orders with no narrower question get both
     * lookups, status and shipment. SKUs get a stock check. A named {@code tool_choice} is obeyed.
     */
    private List<Reply.ToolCall> toolCalls(Conversation c) {
        String text = c.lastUser();
        String lower = text.toLowerCase(Locale.ROOT);
        String choice = c.toolChoice();
        List<String> offered = c.tools();
        List<String> ids = Conversation.orderIds(text);
        if (ids.isEmpty() && Conversation.skus(text).isEmpty()) {
            ids = c.orderIdsFromHistory(); // "where is it now?" after an earlier turn named the order
        }
        List<Reply.ToolCall> calls = new ArrayList<>();
        if (offered.contains(choice)) {
            calls.add(call(calls.size(), choice, argumentsFor(choice, ids.isEmpty() ? "A1001" : ids.get(0), text)));
            return calls;
        }
        boolean refund = REFUND_WORDS.matcher(lower).find();
        boolean shipping = SHIPPING_WORDS.matcher(lower).find();
        for (String id : ids) {
            if (refund) {
                calls.add(call(calls.size(), "requestRefund", argumentsFor("requestRefund", id, text)));
            } else if (shipping) {
                calls.add(call(calls.size(), "trackShipment", argumentsFor("trackShipment", id, text)));
            } else {
                calls.add(call(calls.size(), "getOrder", argumentsFor("getOrder", id, text)));
                if (ids.size() > 1) {
                    calls.add(call(calls.size(), "trackShipment", argumentsFor("trackShipment", id, text)));
                }
            }
        }
        if (ids.isEmpty() && offered.contains("checkStock")) {
            for (String sku : Conversation.skus(text)) {
                calls.add(call(calls.size(), "checkStock", Map.of("sku", sku)));
            }
        }
        calls.removeIf(call -> !offered.contains(call.name()));
        if (calls.isEmpty() && "required".equals(choice) && !offered.isEmpty()) {
            String tool = offered.contains("getOrder") ? "getOrder" : offered.get(0);
            calls.add(call(0, tool, argumentsFor(tool, ids.isEmpty() ? "A1001" : ids.get(0), text)));
        }
        if (!c.parallelToolCalls() && calls.size() > 1) {
            return List.of(calls.get(0));
        }
        return calls;
    }

    private static final Pattern REFUND_WORDS = Pattern.compile(
            "\\b(refund\\w*|money back|reimburs\\w*|erstatt\\w*|rembours\\w*|reembols\\w*)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SHIPPING_WORDS = Pattern.compile(
            "\\b(track\\w*|where|wo|où|dónde|ship\\w*|deliver\\w*|parcel|package|carrier|arriv\\w*|eta|lieferung)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:[.,]\\d{1,2})?)\\s*(?:€|eur|euro|usd|\\$)"
            + "|(?:€|\\$)\\s*(\\d+(?:[.,]\\d{1,2})?)", Pattern.CASE_INSENSITIVE);

    private static Map<String, Object> argumentsFor(String tool, String orderId, String text) {
        Map<String, Object> args = new LinkedHashMap<>();
        switch (tool) {
            case "checkStock" -> {
                List<String> skus = Conversation.skus(text);
                args.put("sku", skus.isEmpty() ? "HUB-7" : skus.get(0));
            }
            case "requestRefund" -> {
                args.put("orderId", orderId);
                Matcher m = AMOUNT.matcher(text);
                String amount = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)).replace(',', '.') : "10";
                args.put("amount", new BigDecimal(amount));
                args.put("reason", abbreviate(text, 120));
            }
            default -> args.put("orderId", orderId);
        }
        return args;
    }

    private Reply.ToolCall call(int index, String name, Map<String, Object> args) {
        try {
            return new Reply.ToolCall("call_" + index + "_" + name, name, json.writeValueAsString(args));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- answers ----------------------------------------------------------------------------

    private static String chatAnswer(Conversation c) {
        String text = c.lastUser();
        return "Emulated Qwen3 here. You wrote: \"" + abbreviate(text, 200)
                + "\". Name an order id such as A1001 and I can look it up.";
    }

    private String answerFromResults(List<JsonNode> results) {
        List<String> sentences = new ArrayList<>();
        for (JsonNode message : results) {
            JsonNode r;
            try {
                r = json.readTree(message.path("content").asText());
            } catch (Exception e) {
                sentences.add("One lookup failed.");
                continue;
            }
            sentences.add(sentence(r));
        }
        return String.join(" ", sentences);
    }

    private static String sentence(JsonNode r) {
        String id = r.path("orderId").asText(r.path("sku").asText("?"));
        String status = r.path("status").asText("");
        if (r.has("error")) {
            return "A lookup failed: " + r.path("error").asText() + ".";
        }
        if (r.has("refundId")) {
            return "Refund " + r.path("refundId").asText() + " of " + r.path("amount").asText() + " for order " + id
                    + " is pending.";
        }
        if ("REJECTED".equals(status)) {
            return "The refund for order " + id + " was rejected: " + r.path("reason").asText() + ".";
        }
        if (r.has("trackingNumber")) {
            return "Order " + id + " is " + status + " with " + r.path("carrier").asText() + " (tracking "
                    + r.path("trackingNumber").asText() + "), expected " + r.path("eta").asText() + ".";
        }
        if (r.has("warehouses")) {
            return "SKU " + id + " has " + r.path("total").asText() + " units in stock.";
        }
        if ("NOT_FOUND".equals(status)) {
            return "I could not find order " + id + ".";
        }
        if ("NO_SHIPMENT".equals(status)) {
            return "Order " + id + " has not been shipped yet.";
        }
        if (r.has("total")) {
            return "Order " + id + " is " + status + ", total " + r.path("total").asText() + " "
                    + r.path("currency").asText("") + ".";
        }
        return "Result for " + id + ": " + status + ".";
    }

    // ---- typed output ----------------------------------------------------------------------

    /** A typed answer for the task the requested schema describes, worked out from the user's request. */
    private String typed(Conversation c, List<JsonNode> results) {
        java.util.Optional<JsonNode> schema = c.schema();
        String text = c.taskText();
        JsonNode out = switch (TypedTask.of(schema, c.schemaName())) {
            case TRIAGE -> EmulatedTasks.triage(json, text);
            case INVOICE -> EmulatedTasks.invoice(json, text);
            case ORDER_REVIEW -> review(text, results);
            case OTHER -> schema.isPresent() ? EmulatedTasks.fitting(json, schema.get(), text)
                    : json.createObjectNode().put("answer", chatAnswer(c));
        };
        return out.toString();
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
        for (String id : Conversation.orderIds(text)) {
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
