package dev.qwen.agent;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.qwen.common.Caller;

/**
 * Which tool calls wait for a person's decision before they run, and where they wait. The agent asks it for
 * every call the model makes; a held call is not executed, and the turn stops after the calls of that reply
 * that need no decision ran. Implemented where approvals are kept (the approvals package).
 */
public interface ApprovalGate {

    /** Whether {@code call} may run only once a person approved it. */
    boolean needsApproval(ToolExecutionRequest call);

    /** Records one pending approval per call, for the session and its caller; answers them in order. */
    List<PendingCall> hold(String sessionId, Caller caller, List<ToolExecutionRequest> calls);
}
