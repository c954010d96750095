package dev.qwen.common;

/**
 * The state store (Redis) could not be reached, or did not answer in time. Nothing was written by the
 * operation that failed; the caller may try again later ({@code 503 state_unavailable}).
 */
public class StateUnavailableException extends RuntimeException {

    public StateUnavailableException() {
        super("The state store is unavailable.");
    }
}
