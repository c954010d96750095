package dev.qwen.workflow;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.langchain4j.model.output.structured.Description;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The typed result of an order review: every requested order once, a summary, suggested actions.
 * Registered for reflection with {@link OrderStatus} (nested types come along).
 */
@RegisterForReflection
public record OrderReview(List<OrderStatus> orders, String summary, List<String> suggestedActions) {

    public record OrderStatus(
            String orderId,
            @Description("PLACED, PAID, SHIPPED, DELIVERED, CANCELLED or NOT_FOUND") String status,
            @Schema(nullable = true) @Description("carrier name, or null when not shipped") String carrier,
            @Schema(nullable = true) @Description("expected delivery date YYYY-MM-DD, or null") String eta,
            @Schema(nullable = true) @Description("what is wrong with the order, or null when nothing is") String problem) {
    }
}
