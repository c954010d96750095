package dev.qwen.provider;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.internal.OpenAiClient;

/**
 * One configured provider: its dialect, the extension's chat model for plain calls and the extension's
 * OpenAI client for streamed calls (see {@link StreamingCall} for why not the streaming model).
 */
public record Upstream(Dialect dialect, ChatModel chat, OpenAiClient streamingClient) {

    public ProviderId id() {
        return dialect.id();
    }
}
