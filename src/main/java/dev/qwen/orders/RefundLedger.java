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
     * Records the refund if {@code amount <= limit - refunded(orderId)}, atomically.
     *
     * @return true when recorded
     */
    boolean tryRefund(String orderId, BigDecimal amount, BigDecimal limit);
}
