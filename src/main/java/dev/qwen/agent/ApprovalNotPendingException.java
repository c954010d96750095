package dev.qwen.agent;

/** A decision for a call the session no longer waits for: decided already ({@code 409 approval_decided}). */
public class ApprovalNotPendingException extends RuntimeException {

    public ApprovalNotPendingException() {
        super("This approval was already decided.", null, false, false);
    }
}
