package dev.qwen.approvals;

/** The calling key may not decide approvals ({@code 403 forbidden}). */
public class NotAnApproverException extends RuntimeException {

    public NotAnApproverException() {
        super("This API key may not decide approvals (qwen.approvals.approvers).", null, false, false);
    }
}
