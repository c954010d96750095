package dev.qwen.provider;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;

/**
 * The parameters of a request with the caller's {@link CallIntent} beside them. LangChain4j hands the
 * request a chat-request transformer returns to the model unchanged, and {@link QwenChatModel} reads the
 * intent back before anything is rendered; the intent is never sent (the dialect renders only what
 * {@link UpstreamCall} decided).
 */
final class IntentParameters extends DefaultChatRequestParameters {

    private final CallIntent intent;

    private IntentParameters(Builder<?> parameters, CallIntent intent) {
        super(parameters);
        this.intent = intent;
    }

    static IntentParameters of(ChatRequestParameters parameters, CallIntent intent) {
        return new IntentParameters(DefaultChatRequestParameters.builder().overrideWith(parameters), intent);
    }

    CallIntent intent() {
        return intent;
    }
}
