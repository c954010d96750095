package dev.qwen.provider;

import java.util.HashMap;
import java.util.Map;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * What the caller of one model call asks for, in the caller's terms: thinking (with an optional budget),
 * the tool choice ({@code auto}, {@code none}, {@code required} or a tool's name), whether several tool
 * calls may come at once, and, for a streamed turn, who hears the text as it arrives and what stops it.
 * {@link UpstreamCall#resolve} turns it into the one decision about the upstream call.
 *
 * <p>
 * It rides on the request as a custom parameter of langchain4j's {@link OpenAiChatRequestParameters},
 * the per-request seam that AI services pass through untouched; {@link QwenChatModel} takes it off
 * before anything is sent. A request without one is a typed call: no thinking, tools as the model likes.
 */
public record CallIntent(boolean thinking, Integer thinkingBudget, String toolChoice, Boolean parallelToolCalls,
        StreamListener listener, Cancellation cancellation, Integer seed, String user) {

    static final String KEY = "qwen.call-intent";

    /** Typed calls and classification: no thinking, the model decides about tools. */
    public static final CallIntent DEFAULT = new CallIntent(false, null, "auto", null, null, null);

    public CallIntent {
        toolChoice = toolChoice == null ? "auto" : toolChoice;
    }

    /** An intent without a sampling seed or an end-user id (everything but the OpenAI-compatible path). */
    public CallIntent(boolean thinking, Integer thinkingBudget, String toolChoice, Boolean parallelToolCalls,
            StreamListener listener, Cancellation cancellation) {
        this(thinking, thinkingBudget, toolChoice, parallelToolCalls, listener, cancellation, null, null);
    }

    /** The same intent with another tool choice (a forced choice applies to the first call of a turn only). */
    public CallIntent withToolChoice(String choice) {
        return new CallIntent(thinking, thinkingBudget, choice, parallelToolCalls, listener, cancellation, seed, user);
    }

    /** {@code request} carrying this intent. */
    public ChatRequest attachTo(ChatRequest request) {
        ChatRequestParameters in = request.parameters();
        Map<String, Object> custom = new HashMap<>();
        if (in instanceof OpenAiChatRequestParameters openAi && openAi.customParameters() != null) {
            custom.putAll(openAi.customParameters());
        }
        custom.put(KEY, this);
        OpenAiChatRequestParameters out = OpenAiChatRequestParameters.builder().overrideWith(in)
                .customParameters(custom).build();
        return request.toBuilder().parameters(out).build();
    }

    /** The intent {@code request} carries, or {@link #DEFAULT}. */
    static CallIntent of(ChatRequest request) {
        if (request.parameters() instanceof OpenAiChatRequestParameters openAi && openAi.customParameters() != null
                && openAi.customParameters().get(KEY) instanceof CallIntent intent) {
            return intent;
        }
        return DEFAULT;
    }
}
