package dev.qwen.provider;

import java.util.Locale;

/**
 * What the caller of one model call wants, independent of the provider: thinking on or off (with an
 * optional budget), the tool choice ({@code auto}, {@code none}, {@code required} or a tool name) and
 * whether several tool calls may come at once. The dialects turn it into body fields.
 */
public record CallPolicy(boolean thinking, Integer thinkingBudget, String toolChoice, Boolean parallelToolCalls) {

    /** Typed calls and classification: no thinking, the model decides about tools. */
    public static final CallPolicy NO_THINKING = new CallPolicy(false, null, "auto", null);

    public boolean forcesTool() {
        return toolChoice != null && !"auto".equals(toolChoice) && !"none".equals(toolChoice);
    }

    public boolean namesTool() {
        return forcesTool() && !"required".equals(toolChoice);
    }

    /**
     * Thinking as it goes on the wire: a forced tool choice switches it off for that call, because the
     * hosted Qwen3 family rejects required/named tool choice while thinking.
     */
    public boolean effectiveThinking() {
        return thinking && !forcesTool();
    }

    /** The same policy for the follow-up calls of a turn: a forced choice applies to the first call only. */
    public CallPolicy followUp() {
        return forcesTool() ? new CallPolicy(thinking, thinkingBudget, "auto", parallelToolCalls) : this;
    }

    public String toolChoiceWire() {
        return toolChoice == null ? "auto" : toolChoice.toLowerCase(Locale.ROOT);
    }
}
