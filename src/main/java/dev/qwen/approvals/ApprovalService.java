package dev.qwen.approvals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationParameters;
import dev.qwen.agent.ApprovalGate;
import dev.qwen.agent.PendingCall;
import dev.qwen.assistant.AssistantReply;
import dev.qwen.assistant.AssistantService;
import dev.qwen.common.Caller;
import dev.qwen.common.WriteKey;
import dev.qwen.observability.ServiceMetrics;
import dev.qwen.orders.OrderTools;
import dev.qwen.provider.Usage;

/**
 * A person in the loop for refunds: with {@code qwen.approvals.refund-above} set, a {@code requestRefund}
 * above it is held ({@link ApprovalGate}, asked by the agent for every call) until an approver decides. A
 * decision is recorded first (atomically: the first wins on any replica), then carried out under the
 * session's lease: an approved refund runs under its own rules, keyed by the approval so that it runs once
 * whatever is retried; a rejected one is told to the model as {@code REJECTED} with who declined and why; then
 * the session's turn continues. A decision whose carrying out failed (the provider was down) can be sent
 * again and is carried out then; once carried out, another decision is {@code 409 approval_decided}.
 */
@ApplicationScoped
public class ApprovalService implements ApprovalGate {

    private final ApprovalsConfig config;
    private final ApprovalStore store;
    private final OrderTools orders;
    private final AssistantService assistant;
    private final ObjectMapper json;
    private final ServiceMetrics metrics;
    private final boolean keysConfigured;

    ApprovalService(ApprovalsConfig config, ApprovalStore store, OrderTools orders, AssistantService assistant,
            ObjectMapper json, ServiceMetrics metrics,
            @ConfigProperty(name = "app.api-keys") Optional<String> keys) {
        this.config = config;
        this.store = store;
        this.orders = orders;
        this.assistant = assistant;
        this.json = json;
        this.metrics = metrics;
        this.keysConfigured = keys.filter(k -> !k.isBlank()).isPresent();
    }

    /** A refund above the threshold (an amount that cannot be read counts as above: a person looks at it). */
    @Override
    public boolean needsApproval(ToolExecutionRequest call) {
        if (config.refundAbove().isEmpty() || !OrderTools.REQUEST_REFUND.equals(call.name())) {
            return false;
        }
        return amount(call).map(amount -> amount.compareTo(config.refundAbove().get()) > 0).orElse(true);
    }

    @Override
    public List<PendingCall> hold(String sessionId, Caller caller, List<ToolExecutionRequest> calls) {
        List<PendingCall> pending = new ArrayList<>();
        for (ToolExecutionRequest call : calls) {
            Approval approval = Approval.requested(sessionId, caller, call, config.ttl());
            store.save(approval);
            metrics.approvalRequested(call.name());
            pending.add(new PendingCall(approval.id(), call, approval.expiresAt()));
        }
        return pending;
    }

    /** The pending approvals {@code key} may see: its own, or every one for an approver. */
    public List<Approval> visibleTo(String key) {
        return store.pending().stream().filter(a -> mayDecide(key) || a.requester().key().equals(key)).toList();
    }

    /**
     * Decides {@code id} for {@code approver}, carries the decision out and answers the session's turn as it
     * continued (or, for an approval asked by an MCP client, the refund's outcome).
     */
    public AssistantReply decide(String id, Approval.Decision decision, String note, String approver) {
        if (!mayDecide(approver)) {
            throw new NotAnApproverException();
        }
        Approval found = store.find(id).orElseThrow(ApprovalNotFoundException::new);
        if (found.completed()) {
            throw new ApprovalDecidedException();
        }
        Approval decided = found.pending()
                ? store.decide(found.decided(decision, approver, note)).orElseThrow(ApprovalNotFoundException::new)
                : found;
        if (decided.decision() != decision || decided.completed()) {
            throw new ApprovalDecidedException(); // someone else decided first
        }
        AssistantReply reply;
        if (decided.sessionId() != null) {
            reply = assistant.resume(decided.sessionId(), decided.requester(), id, pending -> carryOut(decided));
        } else {
            reply = standalone(decided, carryOut(decided));
        }
        store.complete(id);
        if (found.pending()) {
            metrics.approvalDecided(decision.name().toLowerCase(java.util.Locale.ROOT),
                    Duration.between(found.createdAt(), Instant.now()));
        }
        return reply;
    }

    /** What the model reads as the held call's result: the refund's own answer, or who declined it and why. */
    private String carryOut(Approval approval) {
        ToolExecutionRequest call = approval.call();
        JsonNode arguments = arguments(call);
        Object result;
        if (approval.decision() == Approval.Decision.APPROVE) {
            InvocationParameters invocation = new InvocationParameters();
            // Keyed by the approval: a repeat of the decision (a retry, another replica) refunds nothing twice.
            invocation.put(WriteKey.PARAMETER, "approval:" + approval.id());
            if (approval.requester().customer() != null) {
                invocation.put(Caller.CUSTOMER_PARAMETER, approval.requester().customer());
            }
            result = orders.requestRefund(arguments.path("orderId").asText(null),
                    amount(call).orElse(null), arguments.path("reason").asText(null), invocation);
        } else {
            String note = approval.note() == null || approval.note().isBlank() ? "no reason given" : approval.note();
            result = json.createObjectNode().put("orderId", arguments.path("orderId").asText(null))
                    .put("status", "REJECTED").put("reason", "declined by " + approval.decidedBy() + ": " + note);
        }
        try {
            return json.writeValueAsString(result);
        } catch (Exception e) {
            throw new IllegalStateException("tool result not serialisable", e);
        }
    }

    /** An approval asked for outside a session (an MCP client): the answer is the refund's outcome alone. */
    private AssistantReply standalone(Approval approval, String result) {
        dev.qwen.agent.ToolCall call;
        try {
            call = new dev.qwen.agent.ToolCall(approval.callId(), approval.tool(), arguments(approval.call()),
                    json.readTree(result));
        } catch (Exception e) {
            throw new IllegalStateException("tool result not readable", e);
        }
        return new AssistantReply(null, AssistantReply.COMPLETED, null, List.of(call), List.of(), null, Usage.ZERO,
                null, null);
    }

    private boolean mayDecide(String key) {
        return !keysConfigured || config.approvers().orElse(List.of()).contains(key);
    }

    private JsonNode arguments(ToolExecutionRequest call) {
        return dev.qwen.agent.ToolCall.argumentsOf(json, call.arguments());
    }

    private Optional<BigDecimal> amount(ToolExecutionRequest call) {
        JsonNode amount = arguments(call).path("amount");
        try {
            return amount.isNumber() || amount.isTextual() ? Optional.of(new BigDecimal(amount.asText().strip()))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
