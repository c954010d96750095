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

    /**
     * Classifies whatever the extension's client threw, by type: an HTTP status (ours, with Retry-After, or
     * langchain4j's), a connection that could not be made (refused, unresolvable, or not established in
     * time: unavailable, not a slow answer), or an answer that did not come in time.
     */
    public static ProviderFailure classify(ProviderId provider, Throwable error) {
        if (error instanceof ProviderFailure failure) {
            return failure;
        }
        Optional<UpstreamHttpError> upstream = Causes.find(error, UpstreamHttpError.class);
        if (upstream.isPresent()) {
            return fromStatus(provider, upstream.get().status(), upstream.get().retryAfter());
        }
        Optional<HttpException> http = Causes.find(error, HttpException.class);
        if (http.isPresent()) {
            return fromStatus(provider, http.get().statusCode(), null);
        }
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
