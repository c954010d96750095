package dev.qwen.approvals;

/** The approval was decided already ({@code 409 approval_decided}). */
public class ApprovalDecidedException extends RuntimeException {

    public ApprovalDecidedException() {
        super("This approval was already decided.", null, false, false);
    }
}
