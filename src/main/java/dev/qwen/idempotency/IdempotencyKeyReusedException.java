package dev.qwen.idempotency;

/** The Idempotency-Key was used before with another body ({@code 422 idempotency_key_reused}). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request body.");
    }
}
