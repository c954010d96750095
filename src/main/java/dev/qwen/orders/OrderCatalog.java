package dev.qwen.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The demo data the tools serve, read once from {@code orders.json} on the classpath. */
@ApplicationScoped
public class OrderCatalog {

    @RegisterForReflection
    public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {
    }

    @RegisterForReflection
    public record Shipment(String carrier, String trackingNumber, String status, String eta) {
    }

    @RegisterForReflection
    public record Order(String orderId, String customerId, String status, String currency, String placedAt,
            BigDecimal refunded, List<Item> items, Shipment shipment) {

        public BigDecimal total() {
            return items.stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    @RegisterForReflection
    public record Warehouse(String warehouse, int quantity) {
    }

    @RegisterForReflection
    record Data(List<Order> orders, Map<String, List<Warehouse>> stock) {
    }

    private final Map<String, Order> orders;
    private final Map<String, List<Warehouse>> stock;

    OrderCatalog(ObjectMapper json) {
        try (InputStream in = OrderCatalog.class.getResourceAsStream("/orders.json")) {
            Data data = json.readValue(in, Data.class);
            this.orders = data.orders().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Order::orderId, o -> o));
            this.stock = Map.copyOf(data.stock());
        } catch (IOException e) {
            throw new UncheckedIOException("orders.json is missing or malformed", e);
        }
    }

    public Optional<Order> order(String orderId) {
        return Optional.ofNullable(orderId == null ? null : orders.get(orderId.trim()));
    }

    /**
     * The order as {@code customer} may see it: another customer's order is as unknown as an order that does
     * not exist. A null customer sees every order.
     */
    public Optional<Order> order(String orderId, String customer) {
        return order(orderId).filter(o -> customer == null || customer.equals(o.customerId()));
    }

    public Optional<List<Warehouse>> stock(String sku) {
        return Optional.ofNullable(sku == null ? null : stock.get(sku.trim()));
    }
}
