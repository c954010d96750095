package dev.qwen.agent;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One tool call of a turn: what the model asked ({@code arguments} as a JSON object) and, once run, its result. */
@RegisterForReflection
public record ToolCall(String id, String name, JsonNode arguments, JsonNode result) {
}
