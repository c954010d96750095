package dev.qwen.assistant;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.qwen.agent.Agent;
import dev.qwen.agent.TurnEvent;
import io.smallrye.mutiny.Multi;

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

    AssistantService(Agent agent) {
        this.agent = agent;
    }

    public AssistantReply chat(AssistantRequest request) {
        String sessionId = sessionId(request);
        Agent.Outcome turn = agent.run(sessionId, SYSTEM, request.message(), request.intent(), null, null);
        return new AssistantReply(sessionId, turn.answer(), turn.toolCalls(),
                request.wantsReasoning() ? turn.reasoning() : null, turn.usage(), turn.provider(), turn.model());
    }

    /** The same turn as events; reasoning events only when the caller asked for reasoning. */
    public Multi<TurnEvent> stream(AssistantRequest request) {
        return agent.stream(sessionId(request), SYSTEM, request.message(), request.intent(), request.wantsReasoning());
    }

    /** A missing session id starts a new session. */
    private static String sessionId(AssistantRequest request) {
        return request.sessionId() != null ? request.sessionId() : UUID.randomUUID().toString();
    }
}
