package dev.qwen.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.qwen.provider.Cancellation;

/** One assistant turn: memory in, agent loop, memory out (only when the turn succeeded). */
@ApplicationScoped
public class AssistantService {

    static final String SYSTEM = """
            You are the order-support assistant of an electronics web shop. Use the tools to look up orders,
            shipments and stock, and to request refunds; never invent order data. When several orders are
            named, look them up together. A refund is possible only for delivered orders and at most the
            order total minus what was refunded; the requestRefund tool decides. Answer briefly, in the
            customer's language.""";

    private static final com.fasterxml.jackson.databind.JsonNode EMPTY_ARGUMENTS =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private final AgentLoop loop;
    private final SessionStore sessions;

    AssistantService(AgentLoop loop, SessionStore sessions) {
        this.loop = loop;
        this.sessions = sessions;
    }

    public AssistantReply chat(AssistantRequest request, AgentLoop.Events events, Cancellation cancellation) {
        String sessionId = request.sessionId() != null ? request.sessionId() : UUID.randomUUID().toString();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(SYSTEM));
        messages.addAll(sessions.load(sessionId));
        messages.add(UserMessage.from(request.message()));

        AgentLoop.Turn turn = loop.run(messages, request.policy(), events, cancellation);

        sessions.save(sessionId, MemoryWindow.of(turn.conversation()));
        List<AssistantReply.ToolCall> calls = turn.toolCalls().stream()
                .map(o -> new AssistantReply.ToolCall(o.request().id(), o.request().name(),
                        o.arguments() != null ? o.arguments() : EMPTY_ARGUMENTS, o.result()))
                .toList();
        return new AssistantReply(sessionId, turn.answer(), calls,
                request.wantsReasoning() ? turn.reasoning() : null, turn.usage(), turn.provider().wireName(),
                turn.model());
    }
}
