package dev.qwen.idempotency;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.vertx.core.json.JsonObject;

/** Idempotency records of a single instance; expired ones are dropped when met and in a sweep every 256 claims. */
public class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(JsonObject record, long expiresAt) {
    }

    private final ConcurrentMap<String, Entry> records = new ConcurrentHashMap<>();
    private final Duration ttl;
    private int claims;

    public InMemoryIdempotencyStore(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public Claim claim(String key, String fingerprint) {
        long now = System.currentTimeMillis();
        if (++claims % 256 == 0) {
            records.values().removeIf(e -> e.expiresAt() < now);
        }
        String owner = UUID.randomUUID().toString();
        Entry mine = new Entry(IdempotencyStore.running(fingerprint, owner), now + RUNNING.toMillis());
        Entry found = records.compute(key, (k, e) -> e == null || e.expiresAt() < now ? mine : e);
        return found == mine ? new Started(owner) : IdempotencyStore.found(found.record(), fingerprint);
    }

    @Override
    public void complete(String key, String owner, Answer answer) {
        records.computeIfPresent(key, (k, e) -> owner.equals(e.record().getString("owner"))
                ? new Entry(IdempotencyStore.done(e.record().getString("fingerprint"), owner, answer),
                        System.currentTimeMillis() + ttl.toMillis())
                : e);
    }

    @Override
    public void release(String key, String owner) {
        records.computeIfPresent(key, (k, e) -> owner.equals(e.record().getString("owner")) ? null : e);
    }

    @Override
    public void renew(String key, String owner) {
        records.computeIfPresent(key, (k, e) -> owner.equals(e.record().getString("owner"))
                && "running".equals(e.record().getString("state"))
                        ? new Entry(e.record(), System.currentTimeMillis() + RUNNING.toMillis())
                        : e);
    }
}
