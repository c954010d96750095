package dev.qwen.agent;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * The bounded window a session keeps: the last {@value #MAX_MESSAGES} messages, cut so that it starts at
 * a user message (a tool result must never lose the assistant message that asked for it); a single turn
 * longer than that is kept whole. System
 * messages are not stored: the current one is prepended to every turn.
 */
final class MemoryWindow {

    static final int MAX_MESSAGES = 40;

    private MemoryWindow() {
    }

    static List<ChatMessage> of(List<ChatMessage> conversation) {
        List<ChatMessage> kept = conversation.stream().filter(m -> !(m instanceof SystemMessage)).toList();
        int start = Math.max(0, kept.size() - MAX_MESSAGES);
        while (start < kept.size() && !(kept.get(start) instanceof UserMessage)) {
            start++;
        }
        if (start == kept.size()) {
            // One turn longer than the window (many tool calls): keep that whole turn rather than nothing.
            start = kept.size();
            while (start > 0 && !(kept.get(start - 1) instanceof UserMessage)) {
                start--;
            }
            start = Math.max(0, start - 1);
        }
        return kept.subList(start, kept.size());
    }
}
