package dev.qwen.agent;

import java.time.Instant;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/**
 * A tool call the model asked for that waits for a person's decision: the turn stopped before it ran. Kept
 * with the session (the assistant message that asked for it is in the window, its result is not yet), until
 * it is decided or expires.
 */
public record PendingCall(String approvalId, ToolExecutionRequest call, Instant expiresAt) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
