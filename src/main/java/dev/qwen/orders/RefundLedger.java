package dev.qwen.orders;

import java.math.BigDecimal;

/**
 * Where accepted refunds are remembered. Implementations must make {@link #tryRefund} atomic per order:
 * concurrent refunds can never add up to more than the order's refundable amount.
 */
public interface RefundLedger {

    /** What has been refunded through this service for the order (on top of the demo data's figure). */
    BigDecimal refunded(String orderId);

    /**
     * Records the refund if {@code amount <= limit - refunded(orderId)}, atomically. With a {@code refundKey},
     * a refund already recorded under that key (for {@code qwen.idempotency-ttl}) is not recorded again, and
     * the answer is true again: the repeat of a write, not a second one.
     *
     * @param refundKey names this refund across repeats of one request; null for a refund of its own
     * @return true when recorded (now or under the key before)
     */
    boolean tryRefund(String orderId, BigDecimal amount, BigDecimal limit, String refundKey);
}
