package dev.qwen.usage;

import java.time.LocalDate;

import dev.qwen.common.RedisCalls;
import dev.qwen.common.StateUnavailableException;
import dev.qwen.provider.Usage;

/**
 * Usage counting must not turn a Redis outage into failed calls that need no state (contract, "State"):
 * while Redis is away, counting is skipped (a request-per-minute count reads as zero) and the call goes on;
 * reading a day's usage ({@code GET /api/v1/usage}, or a token-per-day limit) needs the store and fails as
 * {@link StateUnavailableException}.
 */
public final class OutageTolerantUsage implements UsageStore {

    private final UsageStore store;

    public OutageTolerantUsage(UsageStore store) {
        this.store = store;
    }

    @Override
    public long hit(String caller, long minute) {
        try {
            return RedisCalls.call(() -> store.hit(caller, minute));
        } catch (StateUnavailableException e) {
            return 0;
        }
    }

    @Override
    public void countRequest(String caller, LocalDate day) {
        try {
            RedisCalls.run(() -> store.countRequest(caller, day));
        } catch (StateUnavailableException e) {
            // not counted: the call itself needs no state
        }
    }

    @Override
    public void add(String caller, LocalDate day, Usage usage) {
        try {
            RedisCalls.run(() -> store.add(caller, day, usage));
        } catch (StateUnavailableException e) {
            // not counted
        }
    }

    @Override
    public DailyUsage day(String caller, LocalDate day) {
        return RedisCalls.call(() -> store.day(caller, day));
    }

    @Override
    public boolean blocking() {
        return store.blocking();
    }
}
