package dev.qwen.provider;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/** One configured provider: its dialect and the extension's OpenAI clients pointed at it. */
public record Upstream(Dialect dialect, ChatModel chat, StreamingChatModel streaming) {

    public ProviderId id() {
        return dialect.id();
    }
}
