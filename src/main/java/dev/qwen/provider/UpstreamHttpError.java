package dev.qwen.provider;

import java.time.Duration;

/**
 * A provider's non-2xx answer with what the extension's {@code HttpException} drops: the
 * {@code Retry-After} header. Raised by {@link UpstreamStatusFilter}; the body is kept for the log only.
 */
public class UpstreamHttpError extends RuntimeException {

    private final int status;
    private final Duration retryAfter;
    private final String body;

    UpstreamHttpError(int status, Duration retryAfter, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String body() {
        return body;
    }
}
