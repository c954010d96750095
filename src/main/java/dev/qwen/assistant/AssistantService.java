package dev.qwen.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

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

    /** Striped, so the number of locks stays fixed however many sessions there are. */
    private static final ReentrantLock[] TURN_LOCKS = java.util.stream.IntStream.range(0, 64)
            .mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);

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
        // Turns of one session take their turn (within this instance): each sees the one before it.
        ReentrantLock lock = TURN_LOCKS[Math.floorMod(sessionId.hashCode(), TURN_LOCKS.length)];
        lock.lock();
        try {
            return turn(sessionId, request, events, cancellation);
        } finally {
            lock.unlock();
        }
    }

    private AssistantReply turn(String sessionId, AssistantRequest request, AgentLoop.Events events,
            Cancellation cancellation) {
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
