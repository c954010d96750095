package dev.qwen.agent;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;

/**
 * Conversation memory per session id. A turn reads the history once and writes the new window once,
 * only after it succeeded, so a failed turn leaves the memory as it was. Implementations expire idle
 * sessions after {@code qwen.session-ttl}.
 */
public interface SessionStore {

    /** The session's messages, oldest first; empty for an unknown or expired session. */
    List<ChatMessage> load(String sessionId);

    void save(String sessionId, List<ChatMessage> messages);
}
