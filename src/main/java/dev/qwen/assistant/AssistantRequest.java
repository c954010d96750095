package dev.qwen.assistant;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.qwen.orders.OrderTools;
import dev.qwen.provider.CallIntent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A message to the assistant and the caller's policy for this turn. */
@RegisterForReflection
public record AssistantRequest(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,128}", message = "must be 1..128 of [A-Za-z0-9_-]") String sessionId,
        @NotNull @Size(min = 1, max = 8000) String message,
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1..64 of [A-Za-z0-9_-]") String customerId,
        @Pattern(regexp = OrderTools.TOOL_CHOICE_PATTERN,
                message = "must be auto, none, required or a tool name (" + OrderTools.GET_ORDER + ", "
                        + OrderTools.TRACK_SHIPMENT + ", " + OrderTools.CHECK_STOCK + ", " + OrderTools.REQUEST_REFUND
                        + ")") String toolChoice,
        Boolean parallelToolCalls,
        Boolean thinking,
        @Min(value = 1, message = "must be at least 1") Integer thinkingBudget,
        Boolean includeReasoning) {

    /** Contract defaults: auto, parallel calls allowed, no thinking unless asked or given a budget. */
    public CallIntent intent() {
        boolean think = Boolean.TRUE.equals(thinking) || thinkingBudget != null;
        return CallIntent.builder().thinking(think, thinkingBudget).toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls == null ? Boolean.TRUE : parallelToolCalls).build();
    }

    public boolean wantsReasoning() {
        return Boolean.TRUE.equals(includeReasoning);
    }
}
