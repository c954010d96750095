package dev.qwen.triage;

import java.util.List;

import dev.langchain4j.model.output.structured.Description;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The triage of one customer message. Registered with its nested enums. */
@RegisterForReflection
public record Triage(
        Category category,
        Priority priority,
        Sentiment sentiment,
        @Description("one or two sentences, in English") String summary,
        @Description("order ids mentioned in the message, like A1001; empty when none") List<String> orderIds,
        @Description("ISO 639-1 code of the message's language, like en or de") String language) {

    public enum Category {
        ORDER_STATUS, SHIPPING, REFUND, PRODUCT, ACCOUNT, OTHER
    }

    public enum Priority {
        LOW, MEDIUM, HIGH, URGENT
    }

    public enum Sentiment {
        NEGATIVE, NEUTRAL, POSITIVE
    }
}
