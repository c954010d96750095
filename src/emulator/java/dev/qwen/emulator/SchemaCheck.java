package dev.qwen.emulator;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a typed task's answer (a triage, an invoice, a review) fits the schema a caller asked for, so a
 * caller's own schema that merely looks like one of those tasks ({@code category} and {@code priority} with
 * other values) gets an answer of its own shape instead. Lenient on purpose: only enums and required
 * properties, recursively; nulls pass, as the service's own tasks leave unknown fields null.
 */
final class SchemaCheck {

    private SchemaCheck() {
    }

    static boolean fits(JsonNode schema, JsonNode value) {
        if (value == null || value.isNull() || schema == null || !schema.isObject()) {
            return true;
        }
        if (schema.path("enum").isArray() && !contains(schema.path("enum"), value)) {
            return false;
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    return false;
                }
            }
            for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                if (!fits(p.getValue(), value.get(p.getKey()))) {
                    return false;
                }
            }
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!fits(schema.path("items"), item)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value) || v.isTextual() && v.asText().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }
}
