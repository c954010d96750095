package dev.qwen.provider;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * Checks a typed answer against the JSON schema that was asked for, so a bad answer gets one repair
 * round with the problem named instead of failing deep inside the AI service's parser.
 */
final class StructuredOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StructuredOutput() {
    }

    /** The first problem found, or empty when the text parses and fits the schema. */
    static Optional<String> problem(String text, JsonSchema schema) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            return Optional.of("the reply is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return Optional.of("the reply is not a JSON object");
        }
        if (schema == null || schema.rootElement() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(check(node, schema.rootElement(), "$"));
    }

    private static String check(JsonNode node, JsonSchemaElement element, String path) {
        if (element instanceof JsonObjectSchema object) {
            if (!node.isObject()) {
                return path + " must be an object";
            }
            for (String name : object.required() == null ? java.util.List.<String> of() : object.required()) {
                JsonNode value = node.get(name);
                if (value == null || value.isNull()) {
                    return path + "." + name + " is missing";
                }
            }
            for (Map.Entry<String, JsonSchemaElement> property : object.properties().entrySet()) {
                JsonNode value = node.get(property.getKey());
                if (value != null && !value.isNull()) {
                    String problem = check(value, property.getValue(), path + "." + property.getKey());
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }
        if (element instanceof JsonArraySchema array) {
            if (!node.isArray()) {
                return path + " must be an array";
            }
            int i = 0;
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); i++) {
                String problem = check(it.next(), array.items(), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (element instanceof JsonEnumSchema enumeration) {
            return node.isTextual() && enumeration.enumValues().contains(node.asText())
                    ? null
                    : path + " must be one of " + enumeration.enumValues();
        }
        if (element instanceof JsonStringSchema) {
            return node.isTextual() ? null : path + " must be a string";
        }
        if (element instanceof JsonIntegerSchema) {
            return node.isIntegralNumber() ? null : path + " must be an integer";
        }
        if (element instanceof JsonNumberSchema) {
            return node.isNumber() ? null : path + " must be a number";
        }
        if (element instanceof JsonBooleanSchema) {
            return node.isBoolean() ? null : path + " must be true or false";
        }
        if (element instanceof JsonAnyOfSchema anyOf) {
            for (JsonSchemaElement option : anyOf.anyOf()) {
                if (check(node, option, path) == null) {
                    return null;
                }
            }
            return path + " matches none of the allowed shapes";
        }
        return null; // references and other shapes: left to the parser
    }
}
