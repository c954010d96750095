package dev.qwen.agent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One tool call of a turn: what the model asked ({@code arguments} as a JSON object) and, once run, its result. */
@RegisterForReflection
public record ToolCall(String id, String name, @Schema(description = "as the model gave them") JsonNode arguments,
        @Schema(nullable = true, description = "the tool's result; null when it did not run") JsonNode result) {
}
