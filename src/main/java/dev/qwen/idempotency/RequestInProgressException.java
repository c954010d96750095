package dev.qwen.idempotency;

/** A request with the same Idempotency-Key is still running ({@code 409 request_in_progress}). */
public class RequestInProgressException extends RuntimeException {

    public RequestInProgressException() {
        super("A request with this Idempotency-Key is still running; retry shortly with the same key.");
    }
}
