package dev.qwen.agent;

/**
 * Ends LangChain4j's tool loop before its next model call when a call of the last reply waits for a decision
 * ({@link Turn#nextCall}); {@link Agent} turns it into an answer that asks for the approvals.
 */
final class TurnHeld extends RuntimeException {

    TurnHeld() {
        super("a tool call waits for a decision", null, false, false);
    }
}
