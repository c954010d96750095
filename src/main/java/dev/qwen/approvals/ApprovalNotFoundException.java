package dev.qwen.approvals;

/** No such approval, or it expired ({@code 404 approval_not_found}). */
public class ApprovalNotFoundException extends RuntimeException {

    public ApprovalNotFoundException() {
        super("No such approval (it may have expired).", null, false, false);
    }
}
