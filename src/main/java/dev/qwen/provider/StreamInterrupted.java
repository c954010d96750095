package dev.qwen.provider;

/**
 * A stream that failed after the caller already saw some of it: neither retried nor failed over, since
 * the caller cannot take back what it received.
 */
public class StreamInterrupted extends ProviderFailure {

    public StreamInterrupted(ProviderFailure cause) {
        super(cause.kind(), cause.provider(), cause.upstreamStatus(), null,
                cause.provider() + " stream was interrupted: " + cause.getMessage());
    }

    @Override
    public boolean failover() {
        return false;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
