package dev.qwen.agent;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code qwen.session-ttl}: how long an idle session is kept. */
@ConfigMapping(prefix = "qwen")
public interface SessionConfig {

    @WithDefault("24h")
    Duration sessionTtl();
}
