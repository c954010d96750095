package dev.qwen.agent;

import java.util.List;

/** The session waits for a person's decision on a tool call ({@code 409 approval_pending}). */
public class ApprovalPendingException extends RuntimeException {

    public ApprovalPendingException(List<String> approvalIds) {
        super("The session waits for a decision on " + String.join(", ", approvalIds)
                + " (POST /api/v1/approvals/{id}); no new message until then.", null, false, false);
    }
}
