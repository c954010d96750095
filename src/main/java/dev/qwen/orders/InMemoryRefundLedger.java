package dev.qwen.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The refund ledger of a single instance; a shared store replaces it where several replicas run. Keyed refunds
 * are remembered for {@code keyTtl}, checked inside the order's atomic update (the key names the order).
 */
public class InMemoryRefundLedger implements RefundLedger {

    private final ConcurrentMap<String, BigDecimal> refunded = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> keyExpiry = new ConcurrentHashMap<>();
    private final AtomicInteger keyed = new AtomicInteger();
    private final Duration keyTtl;

    public InMemoryRefundLedger(Duration keyTtl) {
        this.keyTtl = keyTtl;
    }

    @Override
    public BigDecimal refunded(String orderId) {
        return refunded.getOrDefault(orderId, BigDecimal.ZERO);
    }

    @Override
    public boolean tryRefund(String orderId, BigDecimal amount, BigDecimal limit, String refundKey) {
        long now = System.currentTimeMillis();
        if (refundKey != null && keyed.incrementAndGet() % 256 == 0) {
            keyExpiry.values().removeIf(expiry -> expiry < now);
        }
        boolean[] accepted = {false};
        refunded.compute(orderId, (id, current) -> {
            BigDecimal sum = current == null ? BigDecimal.ZERO : current;
            if (refundKey != null && keyExpiry.getOrDefault(refundKey, 0L) >= now) {
                accepted[0] = true;
                return sum;
            }
            if (sum.add(amount).compareTo(limit) <= 0) {
                accepted[0] = true;
                if (refundKey != null) {
                    keyExpiry.put(refundKey, now + keyTtl.toMillis());
                }
                return sum.add(amount);
            }
            return sum;
        });
        return accepted[0];
    }
}
