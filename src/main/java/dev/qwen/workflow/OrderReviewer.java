package dev.qwen.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.qwen.agent.Agent;
import dev.qwen.agent.TurnRequest;
import dev.qwen.common.Caller;
import dev.qwen.common.InvalidRequestException;
import dev.qwen.orders.CustomersConfig;
import dev.qwen.provider.RequestTrail;
import dev.qwen.orders.OrderCatalog;
import dev.qwen.provider.CallIntent;

/**
 * The function-calling workflow: an agent turn gets the tools with {@code parallel_tool_calls: true} and
 * its calls of one reply run concurrently, then a typed call writes the review. The data, not the model,
 * has the last word on which orders exist and what state they are in: every requested id appears exactly
 * once, and an id the catalog does not know, or another customer's order when a customer is named, is
 * {@code NOT_FOUND} whatever the model said. The review never refunds.
 */
@ApplicationScoped
public class OrderReviewer {

    static final String SYSTEM = """
            You prepare an order review for a support team. For every order id given, call getOrder and
            trackShipment; call them all at once. Then say briefly what you found.""";

    /** The lookup step: no thinking, tools as the model likes, several calls at once. */
    /** The review looks up; it never refunds. */
    private static final java.util.Set<String> LOOKUP_TOOLS = java.util.Set.of(dev.qwen.orders.OrderTools.GET_ORDER,
            dev.qwen.orders.OrderTools.TRACK_SHIPMENT, dev.qwen.orders.OrderTools.CHECK_STOCK);
    private static final CallIntent LOOKUP = CallIntent.builder().parallelToolCalls(true).build();

    private final Agent agent;
    private final ReviewAi ai;
    private final OrderCatalog catalog;
    private final RequestTrail trail;
    private final CustomersConfig customers;

    OrderReviewer(Agent agent, ReviewAi ai, OrderCatalog catalog, RequestTrail trail, CustomersConfig customers) {
        this.agent = agent;
        this.ai = ai;
        this.catalog = catalog;
        this.trail = trail;
        this.customers = customers;
    }

    /**
     * Reviews the orders (duplicates and surrounding space ignored) and answers the question if there is one,
     * for {@code customer} (null: every order).
     */
    public OrderReview review(List<String> orderIds, String optionalQuestion, String customer) {
        if (customers.required() && customer == null) {
            throw new InvalidRequestException("customerId: is required (qwen.customers.required is on)");
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(orderIds.stream().map(String::trim).toList()));
        String question = optionalQuestion == null || optionalQuestion.isBlank() ? "none" : optionalQuestion;

        Agent.Outcome lookup = agent.run(TurnRequest.builder().caller(new Caller(trail.caller(), customer))
                .system(SYSTEM).message("Review orders " + String.join(", ", ids) + ". Question: " + question)
                .intent(LOOKUP).tools(LOOKUP_TOOLS).build(), null, null);

        String results = lookup.toolCalls().stream().map(call -> String.valueOf(call.result()))
                .collect(Collectors.joining("\n"));
        OrderReview draft = ai.review(String.join(", ", ids), question, lookup.answer(), results);
        return reconcile(ids, draft, customer);
    }

    /** Every requested id once, in request order; status, carrier and eta from the data when it has them. */
    OrderReview reconcile(List<String> ids, OrderReview draft, String customer) {
        Map<String, OrderReview.OrderStatus> byId = new LinkedHashMap<>();
        for (OrderReview.OrderStatus status : draft.orders() == null ? List.<OrderReview.OrderStatus> of()
                : draft.orders()) {
            if (status != null && status.orderId() != null) {
                byId.putIfAbsent(status.orderId().trim(), status);
            }
        }
        List<OrderReview.OrderStatus> orders = new ArrayList<>();
        for (String id : ids) {
            OrderReview.OrderStatus said = byId.get(id);
            String problem = said == null ? null : said.problem();
            orders.add(catalog.order(id, customer)
                    .map(o -> new OrderReview.OrderStatus(o.orderId(), o.status(),
                            o.shipment() == null ? null : o.shipment().carrier(),
                            o.shipment() == null ? null : o.shipment().eta(), problem))
                    .orElseGet(() -> new OrderReview.OrderStatus(id, "NOT_FOUND", null, null,
                            problem != null ? problem : "no such order")));
        }
        return new OrderReview(orders, draft.summary() == null ? "" : draft.summary(),
                draft.suggestedActions() == null ? List.of() : draft.suggestedActions());
    }
}
