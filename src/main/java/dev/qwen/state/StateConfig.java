package dev.qwen.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code qwen.state}: where sessions and refunds live. */
@ConfigMapping(prefix = "qwen")
public interface StateConfig {

    /** This instance's memory, or Redis shared by every replica. */
    @WithDefault("memory")
    State state();

    enum State {
        MEMORY,
        REDIS
    }
}
