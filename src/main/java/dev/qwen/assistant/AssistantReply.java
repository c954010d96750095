package dev.qwen.assistant;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.provider.Usage;

/** The assistant's answer to one turn. {@code reasoning} is filled only when the caller asked for it. */
public record AssistantReply(String sessionId, String answer, List<ToolCall> toolCalls, String reasoning, Usage usage,
        String provider, String model) {

    public record ToolCall(String id, String name, JsonNode arguments, JsonNode result) {
    }
}
