package dev.qwen.agent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One tool call of a turn: what the model asked ({@code arguments} as a JSON object) and, once run, its result. */
@RegisterForReflection
public record ToolCall(String id, String name, @Schema(description = "as the model gave them") JsonNode arguments,
        @Schema(nullable = true, description = "the tool's result; null when it did not run") JsonNode result) {

    /** A call's arguments as the JSON object they should be; {@code {}} when the model sent something unusable. */
    public static JsonNode argumentsOf(ObjectMapper json, String arguments) {
        try {
            JsonNode node = json.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
