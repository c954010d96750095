package dev.qwen.provider;

import java.time.Duration;

import dev.langchain4j.exception.HttpException;

/**
 * A provider call that failed, classified once so that routing and the error mapper agree on what it
 * means. The message never carries the provider's body or any key: it is safe to show a caller.
 */
public class ProviderFailure extends RuntimeException {

    public enum Kind {
        /** 429: back off, then fail over. */
        RATE_LIMITED,
        /** A 4xx other than 429: the request itself was refused; retrying cannot help. */
        REFUSED,
        /** AI/ML API 403: the account's credits ran out; fail over, do not retry. */
        CREDITS_EXHAUSTED,
        /** 5xx, connection refused or reset, a broken stream. */
        UNAVAILABLE,
        /** No answer within {@code qwen.timeout}. */
        TIMEOUT
    }

    private final Kind kind;
    private final ProviderId provider;
    private final int upstreamStatus;
    private final Duration retryAfter;

    public ProviderFailure(Kind kind, ProviderId provider, int upstreamStatus, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.provider = provider;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public ProviderId provider() {
        return provider;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** What the provider asked us to wait, when it said; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether another provider may succeed where this one failed. */
    public boolean failover() {
        return kind != Kind.REFUSED;
    }

    /** Whether this says something about the provider's health (the circuit counts it). */
    public boolean providerFault() {
        return kind != Kind.REFUSED;
    }

    /** Whether the same provider may succeed on another try. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT;
    }

    /** Classifies whatever the extension's client threw. */
    public static ProviderFailure classify(ProviderId provider, Throwable error) {
        if (error instanceof ProviderFailure failure) {
            return failure;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UpstreamHttpError upstream) {
                return fromStatus(provider, upstream.status(), upstream.retryAfter());
            }
            if (t instanceof HttpException http) {
                return fromStatus(provider, http.statusCode(), null);
            }
            String name = t.getClass().getSimpleName();
            if (name.contains("Connect")) {
                break; // connection refused or not established in time: unavailable, not a slow answer
            }
            if (name.contains("Timeout")) {
                return new ProviderFailure(Kind.TIMEOUT, provider, 0, null,
                        provider + " did not answer within the configured timeout");
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return new ProviderFailure(Kind.UNAVAILABLE, provider, 0, null, provider + " could not be reached");
    }

    public static ProviderFailure fromStatus(ProviderId provider, int status, Duration retryAfter) {
        if (status == 429) {
            return new ProviderFailure(Kind.RATE_LIMITED, provider, status, retryAfter, provider + " is rate limiting");
        }
        if (status == 403 && provider == ProviderId.AIMLAPI) {
            return new ProviderFailure(Kind.CREDITS_EXHAUSTED, provider, status, null,
                    provider + " refused the request (credits exhausted)");
        }
        if (status >= 400 && status < 500) {
            return new ProviderFailure(Kind.REFUSED, provider, status, null,
                    provider + " refused the request (HTTP " + status + ")");
        }
        return new ProviderFailure(Kind.UNAVAILABLE, provider, status, null,
                provider + " is unavailable (HTTP " + status + ")");
    }
}
