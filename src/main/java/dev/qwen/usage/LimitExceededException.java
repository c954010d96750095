package dev.qwen.usage;

/** The calling key is over one of its limits; {@code retryAfterSeconds} says when the window reopens. */
public class LimitExceededException extends RuntimeException {

    private final long retryAfterSeconds;

    public LimitExceededException(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
