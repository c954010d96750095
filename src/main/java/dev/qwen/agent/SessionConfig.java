package dev.qwen.agent;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code qwen.session-ttl}: how long an idle session is kept; {@code qwen.session-lock-wait}: how long a turn
 * waits for the turn before it on the same session.
 */
@ConfigMapping(prefix = "qwen")
public interface SessionConfig {

    @WithDefault("24h")
    Duration sessionTtl();

    @WithDefault("30s")
    Duration sessionLockWait();
}
