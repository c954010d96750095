package dev.qwen.mcp;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationParameters;
import dev.qwen.agent.PendingCall;
import dev.qwen.approvals.ApprovalService;
import dev.qwen.common.Caller;
import dev.qwen.common.InvalidRequestException;
import dev.qwen.invoice.Invoice;
import dev.qwen.invoice.InvoiceResource;
import dev.qwen.orders.CustomersConfig;
import dev.qwen.orders.OrderTools;
import dev.qwen.provider.RequestTrail;
import dev.qwen.triage.Triage;
import dev.qwen.triage.TriageResource;
import dev.qwen.workflow.OrderReview;
import dev.qwen.workflow.OrderReviewResource;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.OutputSchema;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * The service's tools for MCP clients, each backed by the code behind the REST endpoints: the four order tools of the
 * assistant ({@link OrderTools}, the customer passed as its invocation parameter, as the agent does), and triage,
 * invoice extraction and the order review through their resources, so that their validation and the invoice's
 * correction round hold here too. The customer is the {@code X-Customer-Id} header; the tools that reach orders act for
 * that customer alone. Every call passes {@link ToolCallInterceptor}; a tool runs on a virtual thread, as the
 * resources do, since several wait on the model.
 */
@Singleton
@McpToolCall
public class McpTools {

    public static final String CUSTOMER_HEADER = "X-Customer-Id";
    static final String TRIAGE_MESSAGE = "triageMessage";
    static final String EXTRACT_INVOICE = "extractInvoice";
    static final String REVIEW_ORDERS = "reviewOrders";
    private static final Pattern CUSTOMER_ID = Pattern.compile(Caller.CUSTOMER_ID_PATTERN);

    /** What a refund held for a person's decision answers; it is decided through {@code /api/v1/approvals}. */
    @RegisterForReflection
    public record ApprovalRequired(String status, String approvalId) {
    }

    private final OrderTools orders;
    private final TriageResource triage;
    private final InvoiceResource invoices;
    private final OrderReviewResource reviews;
    private final CustomersConfig customers;
    private final CurrentVertxRequest http;
    private final ToolResults results;
    private final ApprovalService approvals;
    private final RequestTrail trail;
    private final ObjectMapper json;

    McpTools(OrderTools orders, TriageResource triage, InvoiceResource invoices, OrderReviewResource reviews,
            CustomersConfig customers, CurrentVertxRequest http, ToolResults results, ApprovalService approvals,
            RequestTrail trail, ObjectMapper json) {
        this.approvals = approvals;
        this.trail = trail;
        this.json = json;
        this.orders = orders;
        this.triage = triage;
        this.invoices = invoices;
        this.reviews = reviews;
        this.customers = customers;
        this.http = http;
        this.results = results;
    }

    @Tool(name = OrderTools.GET_ORDER, description = OrderTools.GET_ORDER_DOES,
            annotations = @Tool.Annotations(title = "Look up an order",
                    readOnlyHint = true, destructiveHint = false, openWorldHint = false),
            outputSchema = @OutputSchema(from = OrderTools.OrderView.class))
    @RunOnVirtualThread
    ToolResponse getOrder(@ToolArg(description = OrderTools.ORDER_ID) String orderId) {
        return results.success(orders.getOrder(orderId, forCustomer(customer())));
    }

    @Tool(name = OrderTools.TRACK_SHIPMENT, description = OrderTools.TRACK_SHIPMENT_DOES,
            annotations = @Tool.Annotations(title = "Track a shipment",
                    readOnlyHint = true, destructiveHint = false, openWorldHint = false),
            outputSchema = @OutputSchema(from = OrderTools.ShipmentView.class))
    @RunOnVirtualThread
    ToolResponse trackShipment(@ToolArg(description = OrderTools.ORDER_ID) String orderId) {
        return results.success(orders.trackShipment(orderId, forCustomer(customer())));
    }

    @Tool(name = OrderTools.CHECK_STOCK, description = OrderTools.CHECK_STOCK_DOES,
            annotations = @Tool.Annotations(title = "Check stock",
                    readOnlyHint = true, destructiveHint = false, openWorldHint = false),
            outputSchema = @OutputSchema(from = OrderTools.StockView.class))
    @RunOnVirtualThread
    ToolResponse checkStock(@ToolArg(description = OrderTools.SKU) String sku) {
        return results.success(orders.checkStock(sku));
    }

    /** The refund rules are the tool's own; a refund above the approval threshold waits for a person instead. */
    @Tool(name = OrderTools.REQUEST_REFUND, description = OrderTools.REQUEST_REFUND_DOES,
            annotations = @Tool.Annotations(title = "Request a refund", destructiveHint = true, openWorldHint = false),
            outputSchema = @OutputSchema(from = OrderTools.RefundView.class))
    @RunOnVirtualThread
    ToolResponse requestRefund(@ToolArg(description = OrderTools.REFUND_ORDER_ID) String orderId,
            @ToolArg(description = OrderTools.AMOUNT) double amount,
            @ToolArg(description = OrderTools.REASON) String reason) {
        String customer = customer();
        // A JSON number arrives as a double; its shortest decimal form is the amount the client wrote.
        BigDecimal value = BigDecimal.valueOf(amount);
        Optional<ApprovalRequired> held = holdForApproval(orderId, value, reason, customer);
        if (held.isPresent()) {
            return results.success(held.get());
        }
        return results.success(orders.requestRefund(orderId, value, reason, forCustomer(customer)));
    }

    @Tool(name = TRIAGE_MESSAGE, description = "Triages a customer message: category, priority, sentiment, a short "
            + "summary, the order ids it mentions and its language.",
            annotations = @Tool.Annotations(title = "Triage a customer message",
                    readOnlyHint = true, destructiveHint = false, openWorldHint = false),
            outputSchema = @OutputSchema(from = Triage.class))
    @RunOnVirtualThread
    ToolResponse triageMessage(@ToolArg(description = "the customer's message, 1 to 20000 characters") String text) {
        return results.success(triage.triage(new TriageResource.TriageRequest(text)));
    }

    @Tool(name = EXTRACT_INVOICE, description = "Extracts an invoice from its text: vendor, number, issue date, "
            + "currency, line items, subtotal, tax and total, with the arithmetic checked.",
            annotations = @Tool.Annotations(title = "Extract an invoice",
                    readOnlyHint = true, destructiveHint = false, openWorldHint = false),
            outputSchema = @OutputSchema(from = Invoice.class))
    @RunOnVirtualThread
    ToolResponse extractInvoice(@ToolArg(description = "the invoice as text") String text) {
        return results.success(invoices.extract(new InvoiceResource.InvoiceRequest(text)));
    }

    @Tool(name = REVIEW_ORDERS, description = "Reviews several orders at once: each order's status, carrier, expected "
            + "delivery and any problem, a summary and suggested actions. Never refunds.",
            annotations = @Tool.Annotations(title = "Review orders",
                    readOnlyHint = true, destructiveHint = false, openWorldHint = false),
            outputSchema = @OutputSchema(from = OrderReview.class))
    @RunOnVirtualThread
    ToolResponse reviewOrders(@ToolArg(description = "1 to 20 order ids, like A1001") List<String> orderIds,
            @ToolArg(description = "a question to answer about the orders", required = false) String question) {
        return results.success(reviews.review(new OrderReviewResource.ReviewRequest(orderIds, question, customer())));
    }

    /**
     * A refund the approval rule holds for a person's decision: its answer, with the approval's id. Empty while the
     * refund needs none.
     */
    /**
     * A refund above {@code qwen.approvals.refund-above} is not made: it waits as an approval of the calling key
     * (outside any session), decided through {@code POST /api/v1/approvals/{id}}, where it then runs once.
     */
    private Optional<ApprovalRequired> holdForApproval(String orderId, BigDecimal amount, String reason,
            String customer) {
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("mcp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .name(OrderTools.REQUEST_REFUND)
                .arguments(json.createObjectNode().put("orderId", orderId).put("amount", amount).put("reason", reason)
                        .toString())
                .build();
        if (!approvals.needsApproval(call)) {
            return Optional.empty();
        }
        PendingCall held = approvals.hold(null, new Caller(trail.caller(), customer), List.of(call)).get(0);
        return Optional.of(new ApprovalRequired("APPROVAL_REQUIRED", held.approvalId()));
    }

    /**
     * The customer the call acts for, from {@code X-Customer-Id}; null when there is none and none is required
     * ({@code qwen.customers.required}). Only the tools that reach orders ask.
     */
    private String customer() {
        String given = http.getCurrent().request().getHeader(CUSTOMER_HEADER);
        if (given == null) {
            if (customers.required()) {
                throw new InvalidRequestException(CUSTOMER_HEADER + ": is required (qwen.customers.required is on)");
            }
            return null;
        }
        if (!CUSTOMER_ID.matcher(given).matches()) {
            throw new InvalidRequestException(CUSTOMER_HEADER + ": must be 1..64 of [A-Za-z0-9_-]");
        }
        return given;
    }

    /** The order tools' invocation parameters: the customer, when there is one. */
    private static InvocationParameters forCustomer(String customer) {
        InvocationParameters parameters = new InvocationParameters();
        if (customer != null) {
            parameters.put(Caller.CUSTOMER_PARAMETER, customer);
        }
        return parameters;
    }
}
