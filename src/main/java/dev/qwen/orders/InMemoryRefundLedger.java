package dev.qwen.orders;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The refund ledger of a single instance; a shared store replaces it where several replicas run. */
public class InMemoryRefundLedger implements RefundLedger {

    private final ConcurrentMap<String, BigDecimal> refunded = new ConcurrentHashMap<>();

    @Override
    public BigDecimal refunded(String orderId) {
        return refunded.getOrDefault(orderId, BigDecimal.ZERO);
    }

    @Override
    public boolean tryRefund(String orderId, BigDecimal amount, BigDecimal limit) {
        boolean[] accepted = {false};
        refunded.compute(orderId, (id, current) -> {
            BigDecimal now = current == null ? BigDecimal.ZERO : current;
            if (now.add(amount).compareTo(limit) <= 0) {
                accepted[0] = true;
                return now.add(amount);
            }
            return now;
        });
        return accepted[0];
    }
}
