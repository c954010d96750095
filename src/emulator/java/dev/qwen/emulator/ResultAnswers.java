package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer after tool results: a sentence per result. The order tools' results are read for what they
 * mean (status, carrier, refund); any other tool's result is quoted field by field, and the answer then
 * says it came from the emulator.
 */
final class ResultAnswers {

    private final ObjectMapper json;

    ResultAnswers(ObjectMapper json) {
        this.json = json;
    }

    String answer(ChatRequestView c, List<JsonNode> results) {
        List<String> sentences = new ArrayList<>();
        boolean quoted = false;
        for (JsonNode message : results) {
            JsonNode r = parse(message.path("content"));
            if (r != null && (r.has("orderId") || r.has("sku") || r.has("error"))) {
                sentences.add(orderSentence(r));
            } else {
                sentences.add(c.toolName(message) + " says " + quote(r != null ? r : message.path("content")) + ".");
                quoted = true;
            }
        }
        return String.join(" ", sentences) + (quoted ? " (Emulated Qwen3 answer.)" : "");
    }

    /** A tool message's content as JSON, or null when it is plain text (or text parts). */
    private JsonNode parse(JsonNode content) {
        try {
            JsonNode r = json.readTree(content.isTextual() ? content.asText() : "");
            return r != null && r.isObject() ? r : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** "city Paris, sky sunny" for an object; plain text as it is, without surrounding blanks. */
    private static String quote(JsonNode value) {
        if (value.isObject()) {
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode v = field.getValue();
                fields.add(field.getKey() + " " + (v.isValueNode() ? v.asText() : v.toString()));
            }
            return fields.isEmpty() ? "nothing" : EmulatedQwen.abbreviate(String.join(", ", fields), 300);
        }
        StringBuilder text = new StringBuilder();
        if (value.isArray()) {
            value.forEach(part -> text.append(part.path("text").asText("")));
        } else {
            text.append(value.asText());
        }
        return "\"" + EmulatedQwen.abbreviate(text.toString(), 300) + "\"";
    }

    private static String orderSentence(JsonNode r) {
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
}
