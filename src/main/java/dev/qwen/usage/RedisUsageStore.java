package dev.qwen.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import dev.qwen.provider.Usage;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Counters in Redis, so limits and usage hold across replicas: a key per caller and minute ({@code INCR},
 * expiring after two minutes) and a hash per caller and day ({@code HINCRBY}, {@code HINCRBYFLOAT} for
 * the cost), expiring two days later.
 */
public class RedisUsageStore implements UsageStore {

    private static final Duration DAY_TTL = Duration.ofDays(2);
    private static final Duration MINUTE_TTL = Duration.ofMinutes(2);

    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;

    public RedisUsageStore(RedisDataSource redis) {
        this.hashes = redis.hash(String.class);
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    private static String minuteKey(String caller, long minute) {
        return "qwen:limits:" + caller + ":" + minute;
    }

    private static String dayKey(String caller, LocalDate day) {
        return "qwen:usage:" + caller + ":" + day;
    }

    @Override
    public long hit(String caller, long minute) {
        String key = minuteKey(caller, minute);
        long count = counters.incr(key);
        if (count == 1) {
            keys.expire(key, MINUTE_TTL);
        }
        return count;
    }

    @Override
    public void countRequest(String caller, LocalDate day) {
        String key = dayKey(caller, day);
        hashes.hincrby(key, "requests", 1);
        keys.expire(key, DAY_TTL);
    }

    @Override
    public void add(String caller, LocalDate day, Usage usage) {
        String key = dayKey(caller, day);
        hashes.hincrby(key, "promptTokens", usage.promptTokens());
        hashes.hincrby(key, "completionTokens", usage.completionTokens());
        hashes.hincrby(key, "reasoningTokens", usage.reasoningTokens());
        if (usage.cost() != null) {
            hashes.hincrbyfloat(key, "cost", usage.cost().amount().doubleValue());
        }
        keys.expire(key, DAY_TTL);
    }

    @Override
    public DailyUsage day(String caller, LocalDate day) {
        Map<String, String> fields = hashes.hgetall(dayKey(caller, day));
        if (fields == null || fields.isEmpty()) {
            return DailyUsage.NONE;
        }
        return new DailyUsage(number(fields, "requests"), number(fields, "promptTokens"),
                number(fields, "completionTokens"), number(fields, "reasoningTokens"),
                fields.containsKey("cost") ? new BigDecimal(fields.get("cost")) : null);
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
