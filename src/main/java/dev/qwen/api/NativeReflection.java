package dev.qwen.api;

import dev.qwen.assistant.AssistantReply;
import dev.qwen.assistant.AssistantRequest;
import dev.qwen.assistant.AssistantResource;
import dev.qwen.invoice.Invoice;
import dev.qwen.invoice.InvoiceResource;
import dev.qwen.orders.OrderCatalog;
import dev.qwen.orders.OrderTools;
import dev.qwen.provider.ProvidersResource;
import dev.qwen.provider.Usage;
import dev.qwen.triage.Triage;
import dev.qwen.triage.TriageResource;
import dev.qwen.workflow.OrderReview;
import dev.qwen.workflow.OrderReviewResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything read or written reflectively that build-time analysis cannot see in a native image: typed
 * model outputs (nested records included), tool classes and their parameter and result types (invoked and
 * serialised by langchain4j), the demo data's shape, SSE payloads and request bodies.
 */
@RegisterForReflection(targets = {
        Triage.class, Triage.Category.class, Triage.Priority.class, Triage.Sentiment.class,
        TriageResource.TriageRequest.class,
        Invoice.class, Invoice.LineItem.class, InvoiceResource.InvoiceRequest.class,
        OrderReview.class, OrderReview.OrderStatus.class, OrderReviewResource.ReviewRequest.class,
        OrderTools.class, OrderTools.OrderView.class, OrderTools.ShipmentView.class, OrderTools.StockView.class,
        OrderTools.RefundView.class,
        OrderCatalog.Order.class, OrderCatalog.Item.class, OrderCatalog.Shipment.class, OrderCatalog.Warehouse.class,
        AssistantRequest.class, AssistantReply.class, AssistantReply.ToolCall.class,
        AssistantResource.Text.class, AssistantResource.ToolCallEvent.class, AssistantResource.ToolResultEvent.class,
        AssistantResource.Done.class, Usage.class,
        ProvidersResource.ProviderView.class, ProvidersResource.ProvidersView.class
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
