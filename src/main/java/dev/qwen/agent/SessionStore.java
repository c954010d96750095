package dev.qwen.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.langchain4j.data.message.ChatMessage;

/**
 * Conversation memory per session id, and the lease that makes the turns of one session run one at a time
 * across every replica. A turn takes the lease, reads the history once and writes the new window once, only
 * after it succeeded and only while it still holds the lease, so a failed turn leaves the memory as it was and
 * no turn overwrites another. Implementations expire idle sessions after {@code qwen.session-ttl}.
 */
public interface SessionStore {

    /** A session as stored: its window, oldest first, and when it expires if left idle. */
    record Stored(List<ChatMessage> messages, Instant expiresAt) {
    }

    /** The right to run the session's next turn; closing gives it back. */
    interface Lease extends AutoCloseable {

        String sessionId();

        @Override
        void close();
    }

    /**
     * Takes the session's lease, waiting up to {@code wait} for the turn that holds it.
     *
     * @throws SessionBusyException when the lease stayed taken for all of {@code wait}
     */
    Lease lock(String sessionId, Duration wait);

    /** The session's messages, oldest first; empty for an unknown or expired session. Refreshes the expiry. */
    List<ChatMessage> load(String sessionId);

    /**
     * Writes the session's window under the lease.
     *
     * @throws SessionBusyException when the lease was lost meanwhile (nothing is written then)
     */
    void save(Lease lease, List<ChatMessage> messages);

    /** The session as it is, without touching its expiry. */
    Optional<Stored> find(String sessionId);

    /** Erases the session; false when there was none. */
    boolean delete(String sessionId);
}
