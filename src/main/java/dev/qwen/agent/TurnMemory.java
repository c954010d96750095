package dev.qwen.agent;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;

/**
 * The memory LangChain4j works on during one turn: the session's window as it was, plus what the turn
 * adds. Nothing reaches the {@link SessionStore} until {@link Agent} commits it after the turn
 * succeeded, so a failed turn leaves the session as it was. Memory keeps what was asked and answered,
 * not the reasoning behind it; the system message is the current one, never stored.
 */
final class TurnMemory implements ChatMemory {

    private final Turn turn;
    private final List<ChatMessage> messages;

    TurnMemory(Turn turn, List<ChatMessage> history) {
        this.turn = turn;
        this.messages = new ArrayList<>(history);
    }

    @Override
    public Object id() {
        return turn;
    }

    @Override
    public synchronized void add(ChatMessage message) {
        if (message instanceof UserMessage user && user.hasSingleText() && Turn.CONTINUE.equals(user.singleText())) {
            return; // a continuation's placeholder, not something the user said
        }
        if (message instanceof SystemMessage) {
            messages.removeIf(SystemMessage.class::isInstance);
            messages.add(0, message);
        } else if (message instanceof AiMessage ai && ai.thinking() != null) {
            messages.add(AiMessage.builder().text(ai.text()).toolExecutionRequests(ai.toolExecutionRequests()).build());
        } else {
            messages.add(message);
        }
    }

    @Override
    public synchronized List<ChatMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public synchronized void clear() {
        messages.clear();
    }
}
