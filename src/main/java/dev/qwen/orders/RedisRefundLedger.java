package dev.qwen.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import dev.qwen.common.RedisCalls;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * The refund ledger in Redis, in cents. The check and the increment are one Lua script, so refunds
 * racing from any number of replicas can never add up to more than the limit; it either ran whole or not
 * at all, so an outage never leaves half a refund ({@link RedisCalls}). A keyed refund is remembered in the
 * same script, so its repeat finds it whichever replica runs it.
 */
public class RedisRefundLedger implements RefundLedger {

    public static final String PREFIX = "qwen:refunded:";
    public static final String KEY_PREFIX = "qwen:refund-key:";

    private static final String TRY_REFUND = """
            if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then
              return 1
            end
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local amount = tonumber(ARGV[1])
            if current + amount <= tonumber(ARGV[2]) then
              redis.call('INCRBY', KEYS[1], amount)
              if KEYS[2] then
                redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
              end
              return 1
            end
            return 0""";

    private final RedisDataSource redis;
    private final Duration keyTtl;

    public RedisRefundLedger(RedisDataSource redis, Duration keyTtl) {
        this.redis = redis;
        this.keyTtl = keyTtl;
    }

    @Override
    public BigDecimal refunded(String orderId) {
        Response cents = RedisCalls.call(() -> redis.execute("GET", PREFIX + orderId));
        return cents == null ? BigDecimal.ZERO : BigDecimal.valueOf(cents.toLong(), 2);
    }

    @Override
    public boolean tryRefund(String orderId, BigDecimal amount, BigDecimal limit, String refundKey) {
        Response accepted = RedisCalls.call(() -> refundKey == null
                ? redis.execute("EVAL", TRY_REFUND, "1", PREFIX + orderId, cents(amount), cents(limit), "0")
                : redis.execute("EVAL", TRY_REFUND, "2", PREFIX + orderId, KEY_PREFIX + refundKey, cents(amount),
                        cents(limit), String.valueOf(keyTtl.toMillis())));
        return accepted != null && accepted.toInteger() == 1;
    }

    private static String cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}
