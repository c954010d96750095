package dev.qwen.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.ChatMessage;

/**
 * Sessions of a single instance, in memory; idle ones expire lazily and in a sweep every 256 writes, and at
 * most {@value #MAX_SESSIONS} are kept.
 */
public class InMemorySessionStore implements SessionStore {

    private record Entry(List<ChatMessage> messages, long touchedAt) {
    }

    static final int MAX_SESSIONS = 10_000;

    private final ConcurrentMap<String, Entry> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final long ttlMillis;
    private final Clock clock;

    public InMemorySessionStore(Duration ttl) {
        this(ttl, Clock.systemUTC());
    }

    InMemorySessionStore(Duration ttl, Clock clock) {
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    @Override
    public List<ChatMessage> load(String sessionId) {
        long now = clock.millis();
        Entry entry = sessions.computeIfPresent(sessionId,
                (id, e) -> now - e.touchedAt() > ttlMillis ? null : new Entry(e.messages(), now));
        return entry == null ? List.of() : entry.messages();
    }

    @Override
    public void save(String sessionId, List<ChatMessage> messages) {
        long now = clock.millis();
        sessions.put(sessionId, new Entry(List.copyOf(messages), now));
        if (writes.incrementAndGet() % 256 == 0 || sessions.size() > MAX_SESSIONS) {
            sessions.values().removeIf(e -> now - e.touchedAt() > ttlMillis);
            evictLeastRecentlyUsed();
        }
    }

    /** Past {@value #MAX_SESSIONS} sessions the least recently used go first, so memory stays bounded. */
    private void evictLeastRecentlyUsed() {
        int excess = sessions.size() - MAX_SESSIONS;
        if (excess <= 0) {
            return;
        }
        sessions.entrySet().stream()
                .sorted(java.util.Comparator.comparingLong(e -> e.getValue().touchedAt()))
                .limit(excess + MAX_SESSIONS / 10)
                .map(java.util.Map.Entry::getKey)
                .toList()
                .forEach(sessions::remove);
    }
}
