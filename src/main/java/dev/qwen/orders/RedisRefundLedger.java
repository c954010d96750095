package dev.qwen.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.qwen.common.RedisCalls;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * The refund ledger in Redis, in cents. The check and the increment are one Lua script, so refunds
 * racing from any number of replicas can never add up to more than the limit; it either ran whole or not
 * at all, so an outage never leaves half a refund ({@link RedisCalls}).
 */
public class RedisRefundLedger implements RefundLedger {

    public static final String PREFIX = "qwen:refunded:";

    private static final String TRY_REFUND = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local amount = tonumber(ARGV[1])
            if current + amount <= tonumber(ARGV[2]) then
              redis.call('INCRBY', KEYS[1], amount)
              return 1
            end
            return 0""";

    private final RedisDataSource redis;

    public RedisRefundLedger(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public BigDecimal refunded(String orderId) {
        Response cents = RedisCalls.call(() -> redis.execute("GET", PREFIX + orderId));
        return cents == null ? BigDecimal.ZERO : BigDecimal.valueOf(cents.toLong(), 2);
    }

    @Override
    public boolean tryRefund(String orderId, BigDecimal amount, BigDecimal limit) {
        Response accepted = RedisCalls.call(() -> redis.execute("EVAL", TRY_REFUND, "1", PREFIX + orderId,
                cents(amount), cents(limit)));
        return accepted != null && accepted.toInteger() == 1;
    }

    private static String cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}
