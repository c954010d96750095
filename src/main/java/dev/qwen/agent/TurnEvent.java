package dev.qwen.agent;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a streamed turn emits, in order of occurrence, ending with exactly one {@link Done} or {@link Failed}. */
public sealed interface TurnEvent {

    /** Reasoning text as it streams (only when the turn delivers reasoning). */
    @RegisterForReflection
    record Reasoning(String text) implements TurnEvent {
    }

    /** Answer text as it streams. */
    @RegisterForReflection
    record Token(String text) implements TurnEvent {
    }

    /** The model asked for a tool. */
    @RegisterForReflection
    record ToolCalled(String id, String name, JsonNode arguments) implements TurnEvent {
    }

    /** A tool finished. */
    @RegisterForReflection
    record ToolFinished(String id, String name, JsonNode result) implements TurnEvent {
    }

    /** The turn stopped: these calls wait for a person's decision ({@code done} follows). */
    record ApprovalRequired(List<PendingCall> approvals) implements TurnEvent {
    }

    /** The turn succeeded. */
    record Done(String sessionId, Agent.Outcome outcome) implements TurnEvent {
    }

    /** The turn failed after it started; the failure as thrown. */
    record Failed(Throwable failure) implements TurnEvent {
    }
}
