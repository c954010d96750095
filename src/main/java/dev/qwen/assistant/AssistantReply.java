package dev.qwen.assistant;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.qwen.agent.ToolCall;
import dev.qwen.provider.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The assistant's answer to one turn. {@code reasoning} is filled only when the caller asked for it. */
@RegisterForReflection
public record AssistantReply(String sessionId, String answer, List<ToolCall> toolCalls,
        @Schema(nullable = true, description = "only when includeReasoning was asked for") String reasoning, Usage usage,
        String provider, String model) {
}
