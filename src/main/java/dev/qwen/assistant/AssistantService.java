package dev.qwen.assistant;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.qwen.agent.Agent;
import dev.qwen.agent.PendingCall;
import dev.qwen.agent.ToolCall;
import dev.qwen.agent.TurnEvent;
import dev.qwen.agent.TurnRequest;
import dev.qwen.common.Caller;
import dev.qwen.common.InvalidRequestException;
import dev.qwen.orders.CustomersConfig;
import dev.qwen.provider.RequestTrail;
import dev.qwen.provider.BackgroundStream;

/** The order-support assistant: its system prompt and one agent turn per message, with the session's memory. */
@ApplicationScoped
public class AssistantService {

    static final String SYSTEM = """
            You are the order-support assistant of an electronics web shop. Use the tools to look up orders,
            shipments and stock, and to request refunds; never invent order data. When several orders are
            named, look them up together. A refund is possible only for delivered orders and at most the
            order total minus what was refunded; the requestRefund tool decides. Answer briefly, in the
            customer's language.""";

    private final Agent agent;
    private final RequestTrail trail;
    private final CustomersConfig customers;
    private final ObjectMapper json;

    AssistantService(Agent agent, RequestTrail trail, CustomersConfig customers, ObjectMapper json) {
        this.agent = agent;
        this.trail = trail;
        this.customers = customers;
        this.json = json;
    }

    public AssistantReply chat(AssistantRequest request) {
        TurnRequest turn = turn(request);
        return AssistantReply.of(turn.sessionId(), agent.run(turn, null, null), request.wantsReasoning(),
                this::pendingApproval);
    }

    /**
     * Continues the session {@code sessionId} of {@code owner} once the approval {@code approvalId} is decided:
     * {@code carryOut} carries the decision out and answers what the model reads as the call's result.
     */
    public AssistantReply resume(String sessionId, Caller owner, String approvalId,
            Function<PendingCall, String> carryOut) {
        TurnRequest turn = TurnRequest.builder().session(sessionId).caller(owner).system(SYSTEM).build();
        return AssistantReply.of(sessionId, agent.resume(turn, approvalId, carryOut), false, this::pendingApproval);
    }

    /** How a call waiting for a decision is shown: its approval id, the call as asked, its expiry. */
    public AssistantReply.PendingApproval pendingApproval(PendingCall pending) {
        return new AssistantReply.PendingApproval(pending.approvalId(), askedCall(pending.call()), pending.expiresAt());
    }

    /** A tool call as the model asked for it, its arguments as an object. */
    public AssistantReply.AskedCall askedCall(ToolExecutionRequest call) {
        return new AssistantReply.AskedCall(call.id(), call.name(), ToolCall.argumentsOf(json, call.arguments()));
    }

    /** The same turn as events; reasoning events only when the caller asked for reasoning. */
    public BackgroundStream<TurnEvent> stream(AssistantRequest request) {
        return agent.stream(turn(request), request.wantsReasoning());
    }

    /** The turn for the calling key and its customer; a missing session id starts a new session. */
    private TurnRequest turn(AssistantRequest request) {
        if (customers.required() && request.customerId() == null) {
            throw new InvalidRequestException("customerId: is required (qwen.customers.required is on)");
        }
        return TurnRequest.builder().session(sessionId(request))
                .caller(new Caller(trail.caller(), request.customerId())).system(SYSTEM).message(request.message())
                .intent(request.intent()).build();
    }

    /** A missing session id starts a new session. */
    private static String sessionId(AssistantRequest request) {
        return request.sessionId() != null ? request.sessionId() : UUID.randomUUID().toString();
    }
}
