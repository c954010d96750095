package dev.qwen.assistant;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.qwen.provider.CallPolicy;

/** A message to the assistant and the caller's policy for this turn. */
public record AssistantRequest(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,128}", message = "must be 1..128 of [A-Za-z0-9_-]") String sessionId,
        @NotNull @Size(min = 1, max = 8000) String message,
        @Pattern(regexp = "auto|none|required|getOrder|trackShipment|checkStock|requestRefund",
                message = "must be auto, none, required or a tool name (getOrder, trackShipment, checkStock, requestRefund)") String toolChoice,
        Boolean parallelToolCalls,
        Boolean thinking,
        @Min(value = 1, message = "must be at least 1") Integer thinkingBudget,
        Boolean includeReasoning) {

    /** Contract defaults: auto, parallel calls allowed, no thinking unless asked or given a budget. */
    public CallPolicy policy() {
        boolean think = Boolean.TRUE.equals(thinking) || thinkingBudget != null;
        return new CallPolicy(think, think ? thinkingBudget : null, toolChoice == null ? "auto" : toolChoice,
                parallelToolCalls == null ? Boolean.TRUE : parallelToolCalls);
    }

    public boolean wantsReasoning() {
        return Boolean.TRUE.equals(includeReasoning);
    }
}
