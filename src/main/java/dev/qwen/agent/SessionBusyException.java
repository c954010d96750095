package dev.qwen.agent;

/** Another turn held the session longer than {@code qwen.session-lock-wait} ({@code 409 session_busy}). */
public class SessionBusyException extends RuntimeException {

    public SessionBusyException() {
        super("Another turn on this session is still running; try again shortly.");
    }
}
