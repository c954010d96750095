package dev.qwen.idempotency;

import java.time.Duration;

import io.vertx.core.json.JsonObject;

/**
 * Idempotency records, keyed by caller and {@code Idempotency-Key}: a request that starts claims its key
 * (running), then either completes it with its answer (kept for {@code qwen.idempotency-ttl}) or releases it (a
 * 429 or 5xx, or a request that died: the caller may retry with the same key). A running claim is renewed
 * while its request runs ({@link #renew}); one that is never completed, because its instance died, expires
 * {@link #RUNNING} after its last renewal, so the caller's retry runs again soon after.
 */
public interface IdempotencyStore {

    Duration RUNNING = Duration.ofSeconds(30);

    /** What a request found when it tried to claim its key. */
    sealed interface Claim {
    }

    /** The key is this request's now; {@code owner} identifies the claim for complete and release. */
    record Started(String owner) implements Claim {
    }

    /** A request with the same key and body is still running. */
    record InProgress() implements Claim {
    }

    /** The key was used with another body. */
    record Reused() implements Claim {
    }

    /** The first request's answer. */
    record Replay(Answer answer) implements Claim {
    }

    /** A recorded answer: status, media type, provider header and body text. */
    record Answer(int status, String contentType, String provider, String body) {

        JsonObject toJson() {
            return new JsonObject().put("status", status).put("contentType", contentType).put("provider", provider)
                    .put("body", body);
        }

        static Answer fromJson(JsonObject json) {
            return new Answer(json.getInteger("status"), json.getString("contentType"), json.getString("provider"),
                    json.getString("body"));
        }
    }

    /** @throws StateUnavailableException when the store cannot be reached */
    Claim claim(String key, String fingerprint);

    void complete(String key, String owner, Answer answer);

    void release(String key, String owner);

    /** Extends a running claim held by {@code owner} by {@link #RUNNING}; nothing when it is no longer its. */
    void renew(String key, String owner);

    /** Interprets a stored record for a request with {@code fingerprint}. */
    static Claim found(JsonObject record, String fingerprint) {
        if (!fingerprint.equals(record.getString("fingerprint"))) {
            return new Reused();
        }
        if (!"done".equals(record.getString("state"))) {
            return new InProgress();
        }
        return new Replay(Answer.fromJson(record.getJsonObject("answer")));
    }

    static JsonObject running(String fingerprint, String owner) {
        return new JsonObject().put("fingerprint", fingerprint).put("state", "running").put("owner", owner);
    }

    static JsonObject done(String fingerprint, String owner, Answer answer) {
        return new JsonObject().put("fingerprint", fingerprint).put("state", "done").put("owner", owner)
                .put("answer", answer.toJson());
    }
}
