package dev.qwen.emulator;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value valid against a JSON Schema, taking what it can from the user's message: tool arguments and typed
 * answers for any caller's schema. This class walks the structure (types, nullable ones too, {@code const},
 * {@code required}, nested objects and arrays with their item counts, {@code anyOf}/{@code oneOf}/{@code allOf}
 * and local {@code $ref}s); {@link ScalarValues} picks each string, number, boolean and enum value.
 */
final class SchemaInstance {

    /** Past this depth only required properties and minimum item counts are filled: recursive schemas end. */
    private static final int DEEP = 6;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final ScalarValues scalars;
    private final boolean sparse;

    private SchemaInstance(JsonNode root, String message, boolean sparse) {
        this.root = root;
        Set<String> keys = new HashSet<>();
        propertyNames(root, keys);
        this.scalars = new ScalarValues(new Cues(message), keys);
        this.sparse = sparse;
    }

    private static void propertyNames(JsonNode schema, Set<String> keys) {
        schema.path("properties").fieldNames().forEachRemaining(keys::add);
        schema.forEach(s -> propertyNames(s, keys));
    }

    /** An instance of {@code schema} with every property, from the values {@code message} offers: a typed answer. */
    static JsonNode of(JsonNode schema, String message) {
        return new SchemaInstance(schema, message, false).value(schema, "", 0);
    }

    /**
     * Tool arguments: the required properties, and the optional ones the message gives a value for, as a
     * model fills them ({@code {"city": "Paris"}}, not every optional knob); a schema that requires nothing
     * gets every property.
     */
    static JsonNode arguments(JsonNode schema, String message) {
        return new SchemaInstance(schema, message, true).value(schema, "", 0);
    }

    private JsonNode value(JsonNode schema, String key, int depth) {
        JsonNode s = resolve(schema, depth);
        if (s.has("const")) {
            return s.get("const");
        }
        if (s.path("enum").isArray() && !s.path("enum").isEmpty()) {
            return scalars.choice(s.path("enum"));
        }
        JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (branches != null && branches.isArray() && !branches.isEmpty()) {
            return value(nonNull(branches), key, depth + 1);
        }
        if (s.path("allOf").isArray() && !s.path("allOf").isEmpty()) {
            return value(merged(s, depth), key, depth + 1);
        }
        return switch (type(s)) {
            case "object" -> object(s, depth);
            case "array" -> array(s, key, depth);
            case "integer" -> scalars.number(s, true);
            case "number" -> scalars.number(s, false);
            case "boolean" -> NODES.booleanNode(scalars.flag(key));
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(scalars.string(s, key));
        };
    }

    // ---- structure --------------------------------------------------------------------------

    private JsonNode resolve(JsonNode schema, int depth) {
        JsonNode s = schema == null || schema.isMissingNode() || schema.isBoolean() ? NODES.objectNode() : schema;
        for (int hops = 0; s.path("$ref").isTextual() && hops < 16; hops++) {
            String ref = s.path("$ref").asText();
            JsonNode target = ref.equals("#") ? root : ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
            if (target == null || target.isMissingNode() || depth > 3 * DEEP) {
                return NODES.objectNode();
            }
            s = target;
        }
        return s;
    }

    /** The declared type; a list of types means the first that is not null; no type is read from the keywords. */
    private static String type(JsonNode s) {
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return s.has("properties") || s.has("required") ? "object" : s.has("items") ? "array" : "string";
    }

    private static JsonNode nonNull(JsonNode branches) {
        for (JsonNode b : branches) {
            if (!"null".equals(b.path("type").asText())) {
                return b;
            }
        }
        return branches.get(0);
    }

    /** allOf as one schema: properties, required and the other keywords of every part together. */
    private JsonNode merged(JsonNode s, int depth) {
        ObjectNode out = NODES.objectNode();
        ObjectNode properties = out.putObject("properties");
        ArrayNode required = out.putArray("required");
        for (JsonNode part : s.path("allOf")) {
            JsonNode p = resolve(part, depth);
            p.properties().forEach(e -> {
                switch (e.getKey()) {
                    case "properties" -> properties.setAll((ObjectNode) e.getValue());
                    case "required" -> required.addAll((ArrayNode) e.getValue());
                    default -> out.set(e.getKey(), e.getValue());
                }
            });
        }
        s.properties().forEach(e -> {
            if (!e.getKey().equals("allOf") && !out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** Required properties first, so they take the message's values before optional ones; schema order kept. */
    private ObjectNode object(JsonNode s, int depth) {
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        Map<String, JsonNode> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            if (required.contains(p.getKey())) {
                values.put(p.getKey(), value(p.getValue(), p.getKey(), depth + 1));
            }
        }
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            int before = scalars.taken();
            if (!required.contains(p.getKey()) && depth < DEEP) {
                JsonNode v = value(p.getValue(), p.getKey(), depth + 1);
                if (!sparse || required.isEmpty() || scalars.taken() > before) {
                    values.put(p.getKey(), v);
                }
            }
        }
        ObjectNode out = NODES.objectNode();
        s.path("properties").fieldNames().forEachRemaining(name -> {
            if (values.containsKey(name)) {
                out.set(name, values.get(name));
            }
        });
        for (String name : required) {
            if (!out.has(name)) { // required but not described: any value will do, a string is the likeliest
                out.set(name, value(s.path("additionalProperties"), name, depth + 1));
            }
        }
        return out;
    }

    private ArrayNode array(JsonNode s, String key, int depth) {
        JsonNode items = s.path("items").isArray() ? s.path("items").path(0) : s.path("items");
        int min = s.path("minItems").asInt(0);
        int max = s.path("maxItems").asInt(Integer.MAX_VALUE);
        int ids = scalars.orderIdsFor(key);
        int wanted = ids > 1 ? ids : 1;
        int count = Math.min(max, Math.max(min, depth < DEEP ? wanted : 0));
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            JsonNode item = value(items, Cues.Words.stem(key), depth + 1);
            if (s.path("uniqueItems").asBoolean(false) && contains(out, item)) {
                item = distinct(item, i);
            }
            out.add(item);
        }
        return out;
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode n : array) {
            if (n.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode distinct(JsonNode item, int i) {
        if (item.isTextual()) {
            return NODES.textNode(item.asText() + " " + (i + 1));
        }
        return item.isNumber() ? NODES.numberNode(item.decimalValue().add(BigDecimal.valueOf(i))) : item;
    }
}
