package dev.qwen.agent;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.qwen.provider.CallIntent;
import dev.qwen.provider.InvalidModelOutputException;

/**
 * One turn in flight, and the memory id LangChain4j knows it by (identity: two turns of one session are
 * two ids). It decides what LangChain4j's loop cannot: a forced tool choice goes to the first model call
 * only, never to the follow-ups (or the model could never answer), and the turn ends after
 * {@value Agent#MAX_MODEL_CALLS} model calls. (LangChain4j re-sends the first call's parameters on every
 * follow-up and ends a loop with an untyped exception: {@code AssistantWireTest}'s
 * {@code namedToolChoiceIsSentOnTheFirstCallOnlyWithThinkingOff}, {@code requiredToolChoiceIsSentOnTheFirstCallOnly}
 * and {@code theLoopStopsAfterEightModelCalls} hold these two decisions.)
 *
 * @param sessionId null for a turn without memory (the order review's lookup)
 * @param history the session's window as the turn found it
 */
record Turn(String sessionId, String system, CallIntent intent, AgentEvents events, List<ChatMessage> history,
        AtomicInteger calls) {

    Turn(String sessionId, String system, CallIntent intent, AgentEvents events, List<ChatMessage> history) {
        this(sessionId, system, intent, events, history, new AtomicInteger());
    }

    /** The next model call of this turn, carrying its intent. */
    ChatRequest nextCall(ChatRequest request) {
        int call = calls.incrementAndGet();
        if (call > Agent.MAX_MODEL_CALLS) {
            throw new InvalidModelOutputException("The model kept calling tools without answering ("
                    + Agent.MAX_MODEL_CALLS + " model calls in one turn).");
        }
        return (call > 1 && intent.forcesCall() ? intent.withToolChoice("auto") : intent).attachTo(request);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
