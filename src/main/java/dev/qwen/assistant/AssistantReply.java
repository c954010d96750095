package dev.qwen.assistant;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.agent.Agent;
import dev.qwen.agent.ToolCall;
import dev.qwen.provider.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The assistant's answer to one turn: {@code completed} with the answer, or {@code approval_required} when it
 * stopped for a person's decision on the calls under {@code approvals} (then {@code answer} is null).
 * {@code reasoning} is filled only when the caller asked for it. Made by {@link #of}.
 */
@RegisterForReflection
public record AssistantReply(String sessionId,
        @Schema(enumeration = { "completed", "approval_required" }) String status,
        @Schema(nullable = true, description = "null while the turn waits for an approval") String answer,
        List<ToolCall> toolCalls, List<PendingApproval> approvals,
        @Schema(nullable = true, description = "only when includeReasoning was asked for") String reasoning,
        Usage usage, @Schema(nullable = true) String provider, @Schema(nullable = true) String model) {

    public static final String COMPLETED = "completed";
    public static final String APPROVAL_REQUIRED = "approval_required";

    /** A tool call waiting for a person's decision ({@code POST /api/v1/approvals/{id}}). */
    @RegisterForReflection
    public record PendingApproval(String id, AskedCall toolCall, Instant expiresAt) {
    }

    /** A tool call as the model asked for it. */
    @RegisterForReflection
    public record AskedCall(String id, String name, JsonNode arguments) {
    }

    /** The reply for a turn's outcome; reasoning only when asked for. */
    static AssistantReply of(String sessionId, Agent.Outcome outcome, boolean withReasoning,
            java.util.function.Function<dev.qwen.agent.PendingCall, PendingApproval> view) {
        return new AssistantReply(sessionId, outcome.waitsForApproval() ? APPROVAL_REQUIRED : COMPLETED,
                outcome.answer(), outcome.toolCalls(), outcome.approvals().stream().map(view).toList(),
                withReasoning ? outcome.reasoning() : null, outcome.usage(), outcome.provider(), outcome.model());
    }
}
