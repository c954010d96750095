package dev.qwen.usage;

import java.util.OptionalInt;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;

/** {@code qwen.limits.*}: per API key; none by default. */
@ConfigMapping(prefix = "qwen.limits")
public interface LimitsConfig {

    /** Requests one key may make in one calendar minute (UTC). */
    OptionalInt requestsPerMinute();

    /** Prompt plus completion tokens one key may use in one UTC day. */
    OptionalLong tokensPerDay();
}
