package dev.qwen.provider;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Token usage as the contract reports it, reasoning tokens included, and what it cost when prices are
 * configured ({@code cost} is null otherwise); sums over the calls of a turn. Named for the contract's
 * {@code usage} object (its schema in the API document is {@code Usage}); the {@code usage} package keeps each
 * key's daily totals of it. Not {@code TokenUsage}: that is langchain4j's type, which this one is read from.
 */
@RegisterForReflection
public record Usage(int promptTokens, int completionTokens, int reasoningTokens, int totalTokens,
        @Schema(nullable = true, description = "null unless prices are configured") Cost cost) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, null);

    /** An amount of money; reasoning tokens are billed as output, as the providers bill them. */
    @RegisterForReflection
    public record Cost(BigDecimal amount, String currency) {

        Cost plus(Cost other) {
            if (other == null) {
                return this;
            }
            return new Cost(amount.add(other.amount), currency);
        }
    }

    public Usage(int promptTokens, int completionTokens, int reasoningTokens, int totalTokens) {
        this(promptTokens, completionTokens, reasoningTokens, totalTokens, null);
    }

    /** The usage of one model answer: priced when the service priced it ({@link Metered}), else unpriced. */
    public static Usage of(TokenUsage usage) {
        if (usage == null) {
            return ZERO;
        }
        if (usage instanceof Metered metered) {
            return metered.usage();
        }
        int reasoning = 0;
        if (usage instanceof OpenAiTokenUsage openAi && openAi.outputTokensDetails() != null
                && openAi.outputTokensDetails().reasoningTokens() != null) {
            reasoning = openAi.outputTokensDetails().reasoningTokens();
        }
        int prompt = nz(usage.inputTokenCount());
        int completion = nz(usage.outputTokenCount());
        int total = usage.totalTokenCount() != null ? usage.totalTokenCount() : prompt + completion;
        return new Usage(prompt, completion, reasoning, total, null);
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                reasoningTokens + other.reasoningTokens, totalTokens + other.totalTokens,
                cost == null ? other.cost : cost.plus(other.cost));
    }

    Usage withCost(Cost cost) {
        return new Usage(promptTokens, completionTokens, reasoningTokens, totalTokens, cost);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * langchain4j's token usage carrying the service's {@link Usage} (reasoning tokens and cost), so that a
     * priced answer stays priced through AI services and the sums they make.
     */
    static final class Metered extends TokenUsage {

        private final Usage usage;

        Metered(Usage usage) {
            super(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
            this.usage = usage;
        }

        Usage usage() {
            return usage;
        }

        @Override
        public TokenUsage add(TokenUsage other) {
            return other == null ? this : new Metered(usage.plus(Usage.of(other)));
        }
    }
}
