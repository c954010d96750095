package dev.qwen.approvals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.qwen.common.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A tool call that waits for, or got, a person's decision: which call (its id, tool and arguments), for which
 * session (null when it came from an MCP client) and caller, when it was asked for and until when it may be
 * decided; once decided, the decision, who took it and their note; {@code completed} once the decision took
 * effect (the tool ran, or the model was told). Made by {@link #requested} and {@link #decided}.
 */
@RegisterForReflection
public record Approval(String id, String sessionId, Caller requester, String callId, String tool, String arguments,
        Instant createdAt, Instant expiresAt, Decision decision, String decidedBy, String note, boolean completed) {

    public enum Decision {
        APPROVE, REJECT
    }

    /** A new pending approval for {@code call}, expiring {@code ttl} from now. */
    public static Approval requested(String sessionId, Caller requester, ToolExecutionRequest call, Duration ttl) {
        Instant now = Instant.now();
        return new Approval("apr_" + UUID.randomUUID().toString().replace("-", ""), sessionId, requester, call.id(),
                call.name(), call.arguments(), now, now.plus(ttl), null, null, null, false);
    }

    /** The same approval with a decision. */
    public Approval decided(Decision decision, String decidedBy, String note) {
        return new Approval(id, sessionId, requester, callId, tool, arguments, createdAt, expiresAt, decision, decidedBy,
                note, false);
    }

    /** The same approval, its decision carried out. */
    public Approval done() {
        return new Approval(id, sessionId, requester, callId, tool, arguments, createdAt, expiresAt, decision, decidedBy,
                note, true);
    }

    public ToolExecutionRequest call() {
        return ToolExecutionRequest.builder().id(callId).name(tool).arguments(arguments).build();
    }

    public boolean pending() {
        return decision == null;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
