package dev.qwen.agent;

/** No such session: never created, expired, or erased ({@code 404 session_not_found}). */
public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException() {
        super("No such session (it may have expired or been erased).");
    }
}
