package dev.qwen.provider;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.qwen.common.Causes;

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
        /** The account's credits ran out (AI/ML API answers 403, see {@link Dialect#ownMeaning}); fail over, do not retry. */
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

    /**
     * Whether this says something about the provider's health, so that its circuit counts it: anything but a
     * refused request (the caller's own mistake, which another try or another provider would repeat).
     */
    public boolean providerFault() {
        return kind != Kind.REFUSED;
    }

    /**
     * Whether another provider may be asked instead: a provider fault, unless the caller already saw part of
     * this answer ({@link StreamInterrupted} counts against the circuit but is not failed over).
     */
    public boolean failover() {
        return providerFault();
    }

    /** Whether the same provider may succeed on another try. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT;
    }

    /**
     * Classifies whatever the extension's client threw, by type: an HTTP status (ours, with Retry-After, or
     * langchain4j's), a connection that could not be made (refused, unresolvable, or not established in
     * time: unavailable, not a slow answer), or an answer that did not come in time.
     */
    public static ProviderFailure classify(Dialect dialect, Throwable error) {
        if (error instanceof ProviderFailure failure) {
            return failure;
        }
        Optional<UpstreamHttpError> upstream = Causes.find(error, UpstreamHttpError.class);
        if (upstream.isPresent()) {
            return fromStatus(dialect, upstream.get().status(), upstream.get().retryAfter());
        }
        Optional<HttpException> http = Causes.find(error, HttpException.class);
        if (http.isPresent()) {
            return fromStatus(dialect, http.get().statusCode(), null);
        }
        ProviderId provider = dialect.id();
        boolean connect = Causes.find(error, ConnectException.class).isPresent()
                || Causes.find(error, UnknownHostException.class).isPresent()
                || Causes.find(error, UnresolvedAddressException.class).isPresent()
                || Causes.find(error, UnresolvedModelServerException.class).isPresent();
        if (!connect && (Causes.find(error, java.util.concurrent.TimeoutException.class).isPresent()
                || Causes.find(error, SocketTimeoutException.class).isPresent()
                || Causes.find(error, HttpTimeoutException.class).isPresent()
                || Causes.find(error, dev.langchain4j.exception.TimeoutException.class).isPresent()
                || Causes.find(error, io.netty.handler.timeout.TimeoutException.class).isPresent())) {
            return new ProviderFailure(Kind.TIMEOUT, provider, 0, null,
                    provider + " did not answer within the configured timeout");
        }
        return new ProviderFailure(Kind.UNAVAILABLE, provider, 0, null, provider + " could not be reached");
    }

    /** An HTTP error status: the provider's own meaning of it first ({@link Dialect#ownMeaning}), else HTTP's. */
    public static ProviderFailure fromStatus(Dialect dialect, int status, Duration retryAfter) {
        ProviderId provider = dialect.id();
        Kind kind = dialect.ownMeaning(status).orElse(
                status == 429 ? Kind.RATE_LIMITED : status >= 400 && status < 500 ? Kind.REFUSED : Kind.UNAVAILABLE);
        return switch (kind) {
            case RATE_LIMITED -> new ProviderFailure(kind, provider, status, retryAfter, provider + " is rate limiting");
            case CREDITS_EXHAUSTED -> new ProviderFailure(kind, provider, status, null,
                    provider + " refused the request (credits exhausted)");
            case REFUSED -> new ProviderFailure(kind, provider, status, null,
                    provider + " refused the request (HTTP " + status + ")");
            case UNAVAILABLE -> new ProviderFailure(kind, provider, status, null,
                    provider + " is unavailable (HTTP " + status + ")");
            case TIMEOUT -> new ProviderFailure(kind, provider, status, null,
                    provider + " did not answer within the configured timeout (HTTP " + status + ")");
        };
    }
}
