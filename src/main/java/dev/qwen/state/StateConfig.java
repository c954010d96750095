package dev.qwen.state;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code qwen.state}: where sessions, refunds and idempotency records live; {@code qwen.idempotency-ttl}: how
 * long a request's answer is kept for a repeat with the same Idempotency-Key.
 */
@ConfigMapping(prefix = "qwen")
public interface StateConfig {

    /** This instance's memory, or Redis shared by every replica. */
    @WithDefault("memory")
    State state();

    @WithDefault("24h")
    Duration idempotencyTtl();

    enum State {
        MEMORY,
        REDIS
    }
}
