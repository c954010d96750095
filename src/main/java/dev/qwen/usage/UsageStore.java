package dev.qwen.usage;

import java.time.LocalDate;

import dev.qwen.provider.Usage;

/**
 * Where per-key counters live: this instance's memory or Redis (shared by every replica), chosen by
 * {@code qwen.state} like the other stores.
 */
public interface UsageStore {

    /** Counts one request in {@code minute} (minutes since the epoch, UTC) and returns the minute's count. */
    long hit(String caller, long minute);

    /** Counts one admitted request in the day's usage. */
    void countRequest(String caller, LocalDate day);

    /** Adds one model call's usage (and cost, when priced) to the day. */
    void add(String caller, LocalDate day, Usage usage);

    DailyUsage day(String caller, LocalDate day);

    /** Whether its calls wait on the network, and so must stay off the event loop. */
    default boolean blocking() {
        return true;
    }
}
