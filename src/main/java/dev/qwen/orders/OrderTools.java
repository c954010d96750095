package dev.qwen.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.qwen.common.Caller;
import dev.qwen.common.Sha256;
import dev.qwen.common.WriteKey;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The four tools of the contract. The descriptions are what the model reads; the refund rules and the
 * customer's scope are enforced here, whatever the model asks: with a customer named (an invocation parameter,
 * {@link Caller#CUSTOMER_PARAMETER}), another customer's order is not found, exactly like an unknown one, and
 * cannot be refunded. Registered for reflection with its views (nested): langchain4j invokes the tools and
 * serialises their results.
 */
@ApplicationScoped
@RegisterForReflection
public class OrderTools {

    public static final String GET_ORDER = "getOrder";
    public static final String TRACK_SHIPMENT = "trackShipment";
    public static final String CHECK_STOCK = "checkStock";
    public static final String REQUEST_REFUND = "requestRefund";
    static final String NOT_FOUND = "NOT_FOUND";

    // What the model (or an MCP client) reads about each tool and its parameters.
    public static final String GET_ORDER_DOES = "Looks up an order: status, items, total, currency, when it was placed "
            + "and how much was refunded.";
    public static final String TRACK_SHIPMENT_DOES = "Tracks an order's shipment: carrier, tracking number, status and "
            + "expected delivery date.";
    public static final String CHECK_STOCK_DOES = "Checks how many units of a product (by SKU) each warehouse has.";
    public static final String REQUEST_REFUND_DOES = "Requests a refund for a delivered order. Allowed only for "
            + "DELIVERED orders, for an amount above zero and at most the order total minus what was already refunded, "
            + "with a reason.";
    public static final String ORDER_ID = "the order id, like A1001";
    public static final String SKU = "the product SKU, like HUB-7";
    public static final String REFUND_ORDER_ID = "the order id, like A1002";
    public static final String AMOUNT = "the amount to refund, in the order's currency";
    public static final String REASON = "why the customer wants the refund";

    /** What a caller may ask as tool choice: a mode or one tool's name (a constant, for annotations). */
    public static final String TOOL_CHOICE_PATTERN = "auto|none|required|" + GET_ORDER + "|" + TRACK_SHIPMENT + "|"
            + CHECK_STOCK + "|" + REQUEST_REFUND;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderView(String orderId, String customerId, String status, List<OrderCatalog.Item> items,
            BigDecimal total, String currency, String placedAt, BigDecimal refunded) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShipmentView(String orderId, String carrier, String trackingNumber, String status, String eta) {
    }

    public record StockView(String sku, List<OrderCatalog.Warehouse> warehouses, int total) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefundView(String refundId, String orderId, BigDecimal amount, String status, String reason) {
    }

    private final OrderCatalog catalog;
    private final RefundLedger ledger;

    OrderTools(OrderCatalog catalog, RefundLedger ledger) {
        this.catalog = catalog;
        this.ledger = ledger;
    }

    @Tool(name = GET_ORDER, value = GET_ORDER_DOES)
    public OrderView getOrder(@P(ORDER_ID) String orderId, InvocationParameters invocation) {
        return catalog.order(orderId, Caller.customerOf(invocation))
                .map(o -> new OrderView(o.orderId(), o.customerId(), o.status(), o.items(), o.total(), o.currency(),
                        o.placedAt(), refunded(o)))
                .orElseGet(() -> new OrderView(orderId, null, NOT_FOUND, null, null, null, null, null));
    }

    @Tool(name = TRACK_SHIPMENT, value = TRACK_SHIPMENT_DOES)
    public ShipmentView trackShipment(@P(ORDER_ID) String orderId, InvocationParameters invocation) {
        // An order this customer cannot see (unknown, or another's) is NOT_FOUND; one not shipped yet, NO_SHIPMENT.
        return catalog.order(orderId, Caller.customerOf(invocation))
                .map(o -> o.shipment() == null ? new ShipmentView(o.orderId(), null, null, "NO_SHIPMENT", null)
                        : new ShipmentView(o.orderId(), o.shipment().carrier(), o.shipment().trackingNumber(),
                                o.shipment().status(), o.shipment().eta()))
                .orElseGet(() -> new ShipmentView(orderId, null, null, NOT_FOUND, null));
    }

    @Tool(name = CHECK_STOCK, value = CHECK_STOCK_DOES)
    public StockView checkStock(@P(SKU) String sku) {
        List<OrderCatalog.Warehouse> warehouses = catalog.stock(sku).orElse(List.of());
        return new StockView(sku, warehouses, warehouses.stream().mapToInt(OrderCatalog.Warehouse::quantity).sum());
    }

    /**
     * Under a write key (the request's Idempotency-Key, passed by the agent as an invocation parameter), the
     * same refund asked again, by a repeat of the request that runs again because its first run's instance died
     * before the answer was recorded, is not made twice: it answers as the first did, with the same refund id.
     */
    @Tool(name = REQUEST_REFUND, value = REQUEST_REFUND_DOES)
    public RefundView requestRefund(@P(REFUND_ORDER_ID) String orderId, @P(AMOUNT) BigDecimal amount,
            @P(REASON) String reason, InvocationParameters invocation) {
        OrderCatalog.Order order = catalog.order(orderId, Caller.customerOf(invocation)).orElse(null);
        if (order == null) {
            return rejected(orderId, "order not found");
        }
        if (!"DELIVERED".equals(order.status())) {
            return rejected(orderId, "only DELIVERED orders can be refunded (order is " + order.status() + ")");
        }
        if (reason == null || reason.isBlank()) {
            return rejected(orderId, "a reason is required");
        }
        if (amount == null || amount.signum() <= 0) {
            return rejected(orderId, "amount must be greater than 0");
        }
        BigDecimal limit = order.total().subtract(order.refunded());
        // Money moves in cents: the amount is rounded to them before the rule is applied.
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        if (cents.signum() <= 0) {
            return rejected(orderId, "amount must be greater than 0");
        }
        String writeKey = invocation == null ? null : invocation.get(WriteKey.PARAMETER);
        String refundKey = writeKey == null ? null : Sha256.hex(
                (writeKey + "|" + order.orderId() + "|" + cents.toPlainString()).getBytes(StandardCharsets.UTF_8));
        if (!ledger.tryRefund(order.orderId(), cents, limit, refundKey)) {
            return rejected(orderId, "amount exceeds the refundable " + limit.subtract(ledger.refunded(order.orderId()))
                    .max(BigDecimal.ZERO).toPlainString() + " (total minus already refunded)");
        }
        String refundId = refundKey != null ? refundKey.substring(0, 8) : UUID.randomUUID().toString().substring(0, 8);
        return new RefundView("R-" + refundId, order.orderId(), cents, "PENDING", null);
    }

    private BigDecimal refunded(OrderCatalog.Order order) {
        return order.refunded().add(ledger.refunded(order.orderId()));
    }

    private static RefundView rejected(String orderId, String rule) {
        return new RefundView(null, orderId, null, "REJECTED", rule);
    }
}
