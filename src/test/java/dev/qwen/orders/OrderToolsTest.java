package dev.qwen.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The refund rules hold whatever the model asks; the other tools answer from the demo data. */
class OrderToolsTest {

    OrderTools tools;

    @BeforeEach
    void fresh() {
        tools = new OrderTools(new OrderCatalog(new ObjectMapper()), new InMemoryRefundLedger(java.time.Duration.ofHours(24)));
    }

    private static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    @Test
    void lookupsAnswerFromTheDemoData() {
        OrderTools.OrderView order = tools.getOrder("A1001", null);
        assertEquals("SHIPPED", order.status());
        assertEquals(0, money("79.80").compareTo(order.total()));
        assertEquals("NOT_FOUND", tools.getOrder("Z0000", null).status());
        assertEquals("NO_SHIPMENT", tools.trackShipment("A1003", null).status());
        assertEquals("DHL", tools.trackShipment("A1001", null).carrier());
        assertEquals(17, tools.checkStock("HUB-7").total());
        assertEquals(0, tools.checkStock("NOPE").total());
    }

    @Test
    void refundsAreAcceptedOnlyWithinTheRules() {
        assertEquals("PENDING", tools.requestRefund("A1002", money("49.00"), "broken", null).status());
        assertRejected(tools.requestRefund("A1001", money("10"), "not delivered yet", null), "DELIVERED");
        assertRejected(tools.requestRefund("A1004", money("10"), "cancelled", null), "DELIVERED");
        assertRejected(tools.requestRefund("Z0000", money("10"), "unknown", null), "not found");
        assertRejected(tools.requestRefund("A1002", money("0"), "zero", null), "greater than 0");
        assertRejected(tools.requestRefund("A1002", money("-5"), "negative", null), "greater than 0");
        assertRejected(tools.requestRefund("A1002", money("10"), "  ", null), "reason");
        assertRejected(tools.requestRefund("A1002", null, "no amount", null), "greater than 0");
        assertRejected(tools.requestRefund("A1002", money("0.001"), "less than a cent", null), "greater than 0");
        assertRejected(tools.requestRefund("A1002", money("200.01"), "more than is left", null), "exceeds");
        assertEquals("PENDING", tools.requestRefund("A1002", money("200.00"), "the rest", null).status());
        assertRejected(tools.requestRefund("A1002", money("0.01"), "nothing left", null), "exceeds");
        assertEquals(0, money("249.00").compareTo(tools.getOrder("A1002", null).refunded()));
    }

    @Test
    void alreadyRefundedAmountsCount() {
        // A1005: 3 x 9.90 = 29.70, of which 9.90 was refunded before.
        assertRejected(tools.requestRefund("A1005", money("19.81"), "too much", null), "exceeds");
        assertEquals("PENDING", tools.requestRefund("A1005", money("19.80"), "all that is left", null).status());
    }

    @Test
    void concurrentRefundsNeverExceedTheTotal() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<String> refund = () -> {
                start.await();
                return tools.requestRefund("A1002", money("50"), "parallel", null).status();
            };
            results.add(pool.submit(refund));
        }
        start.countDown();
        int accepted = 0;
        for (Future<String> result : results) {
            accepted += "PENDING".equals(result.get()) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(4, accepted, "249 holds four refunds of 50");
    }

    private static void assertRejected(OrderTools.RefundView view, String rule) {
        assertEquals("REJECTED", view.status());
        assertTrue(view.reason().contains(rule), view.reason());
    }
}
