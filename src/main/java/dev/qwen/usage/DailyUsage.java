package dev.qwen.usage;

import java.math.BigDecimal;

/** One key's counters for one UTC day; {@code cost} is null while nothing priced was used. */
public record DailyUsage(long requests, long promptTokens, long completionTokens, long reasoningTokens,
        BigDecimal cost) {

    public static final DailyUsage NONE = new DailyUsage(0, 0, 0, 0, null);

    long tokens() {
        return promptTokens + completionTokens;
    }
}
