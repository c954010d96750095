package dev.qwen.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * Sessions of a single instance, in memory; idle ones expire lazily and in a sweep every 256 writes, and at
 * most {@value #MAX_SESSIONS} are kept. The lease is a one-permit semaphore per session, kept only while a
 * turn holds or waits for it.
 */
public class InMemorySessionStore implements SessionStore {

    private record Entry(SessionStore.Stored session, long touchedAt) {
    }

    /** A session's turn lock and how many turns hold or wait for it (the lock goes when that is zero). */
    private static final class Gate {
        final Semaphore permit = new Semaphore(1, true);
        int users;
    }

    static final int MAX_SESSIONS = 10_000;

    private final ConcurrentMap<String, Entry> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Gate> gates = new ConcurrentHashMap<>();
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
    public Lease lock(String sessionId, Duration wait) {
        Gate gate = gates.compute(sessionId, (id, g) -> {
            Gate held = g == null ? new Gate() : g;
            held.users++;
            return held;
        });
        boolean acquired = false;
        try {
            acquired = gate.permit.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!acquired) {
                leave(sessionId);
            }
        }
        if (!acquired) {
            throw new SessionBusyException();
        }
        return new Lease() {
            private boolean open = true;

            @Override
            public String sessionId() {
                return sessionId;
            }

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    gate.permit.release();
                    leave(sessionId);
                }
            }
        };
    }

    private void leave(String sessionId) {
        gates.computeIfPresent(sessionId, (id, g) -> --g.users == 0 ? null : g);
    }

    @Override
    public Optional<Stored> load(String sessionId) {
        long now = clock.millis();
        Entry entry = sessions.computeIfPresent(sessionId,
                (id, e) -> now - e.touchedAt() > ttlMillis ? null : new Entry(e.session(), now));
        return entry == null ? Optional.empty() : Optional.of(stored(entry));
    }

    @Override
    public void save(Lease lease, Stored session) {
        long now = clock.millis();
        sessions.put(lease.sessionId(), new Entry(session, now));
        if (writes.incrementAndGet() % 256 == 0 || sessions.size() > MAX_SESSIONS) {
            sessions.values().removeIf(e -> now - e.touchedAt() > ttlMillis);
            evictLeastRecentlyUsed();
        }
    }

    @Override
    public Optional<Stored> find(String sessionId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || clock.millis() - entry.touchedAt() > ttlMillis) {
            return Optional.empty();
        }
        return Optional.of(stored(entry));
    }

    private Stored stored(Entry entry) {
        Stored session = entry.session();
        return new Stored(session.owner(), session.messages(), session.pending(),
                Instant.ofEpochMilli(entry.touchedAt() + ttlMillis));
    }

    @Override
    public boolean delete(String sessionId) {
        Entry removed = sessions.remove(sessionId);
        return removed != null && clock.millis() - removed.touchedAt() <= ttlMillis;
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
