package dev.qwen.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.langchain4j.data.message.ChatMessage;
import dev.qwen.common.Caller;

/**
 * Conversation memory per session id, and the lease that makes the turns of one session run one at a time
 * across every replica. A turn takes the lease, reads the history once and writes the new window once, only
 * after it succeeded and only while it still holds the lease, so a failed turn leaves the memory as it was and
 * no turn overwrites another. Implementations expire idle sessions after {@code qwen.session-ttl}.
 *
 * <p>
 * A session belongs to the caller that started it ({@link Caller}: the key's name and the customer); a session
 * stored before sessions had owners has none, and nobody may read it.
 */
public interface SessionStore {

    /**
     * A session as stored: its owner (null for one stored before sessions had owners), its window, oldest
     * first, the tool calls of its last turn that wait for a person's decision, and when it expires if left idle.
     */
    record Stored(Caller owner, List<ChatMessage> messages, List<PendingCall> pending, Instant expiresAt) {

        /** What a turn writes back: the same without an expiry (the store sets it). */
        public static Stored of(Caller owner, List<ChatMessage> messages, List<PendingCall> pending) {
            return new Stored(owner, List.copyOf(messages), List.copyOf(pending), null);
        }
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

    /** The session, or empty for an unknown or expired one. Refreshes the expiry. */
    Optional<Stored> load(String sessionId);

    /**
     * Writes the session under the lease.
     *
     * @throws SessionBusyException when the lease was lost meanwhile (nothing is written then)
     */
    void save(Lease lease, Stored session);

    /** The session as it is, without touching its expiry. */
    Optional<Stored> find(String sessionId);

    /** Erases the session; false when there was none. */
    boolean delete(String sessionId);
}
