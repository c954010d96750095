package dev.qwen.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.qwen.provider.Usage;

/**
 * Counters in this instance's memory; windows and days that have passed are dropped when a new one starts (once
 * per minute or day, not on every request: the maps hold every caller).
 */
public class InMemoryUsageStore implements UsageStore {

    private record Minute(String caller, long minute) {
    }

    private record Day(String caller, LocalDate day) {
    }

    private final Map<Minute, Long> minutes = new ConcurrentHashMap<>();
    private final Map<Day, DailyUsage> days = new ConcurrentHashMap<>();
    private volatile long latestMinute;
    private volatile LocalDate latestDay = LocalDate.MIN;

    @Override
    public long hit(String caller, long minute) {
        if (minute > latestMinute) {
            latestMinute = minute;
            minutes.keySet().removeIf(m -> m.minute() < minute - 1);
        }
        return minutes.merge(new Minute(caller, minute), 1L, Long::sum);
    }

    @Override
    public void countRequest(String caller, LocalDate day) {
        if (day.isAfter(latestDay)) {
            latestDay = day;
            days.keySet().removeIf(d -> d.day().isBefore(day.minusDays(1)));
        }
        days.merge(new Day(caller, day), new DailyUsage(1, 0, 0, 0, null), InMemoryUsageStore::sum);
    }

    /** Memory only: nothing to wait for. */
    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void add(String caller, LocalDate day, Usage usage) {
        days.merge(new Day(caller, day), new DailyUsage(0, usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens(), usage.cost() == null ? null : usage.cost().amount()), InMemoryUsageStore::sum);
    }

    @Override
    public DailyUsage day(String caller, LocalDate day) {
        return days.getOrDefault(new Day(caller, day), DailyUsage.NONE);
    }

    private static DailyUsage sum(DailyUsage a, DailyUsage b) {
        BigDecimal cost = a.cost() == null ? b.cost() : b.cost() == null ? a.cost() : a.cost().add(b.cost());
        return new DailyUsage(a.requests() + b.requests(), a.promptTokens() + b.promptTokens(),
                a.completionTokens() + b.completionTokens(), a.reasoningTokens() + b.reasoningTokens(), cost);
    }
}
