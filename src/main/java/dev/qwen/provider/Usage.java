package dev.qwen.provider;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Token usage as the contract reports it, reasoning tokens included; sums over the calls of a turn. */
@RegisterForReflection
public record Usage(int promptTokens, int completionTokens, int reasoningTokens, int totalTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public static Usage of(TokenUsage usage) {
        if (usage == null) {
            return ZERO;
        }
        int reasoning = 0;
        if (usage instanceof OpenAiTokenUsage openAi && openAi.outputTokensDetails() != null
                && openAi.outputTokensDetails().reasoningTokens() != null) {
            reasoning = openAi.outputTokensDetails().reasoningTokens();
        }
        int prompt = nz(usage.inputTokenCount());
        int completion = nz(usage.outputTokenCount());
        int total = usage.totalTokenCount() != null ? usage.totalTokenCount() : prompt + completion;
        return new Usage(prompt, completion, reasoning, total);
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                reasoningTokens + other.reasoningTokens, totalTokens + other.totalTokens);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
