package dev.qwen.provider;

import dev.langchain4j.model.chat.ChatModel;

/**
 * One configured provider: its dialect, the extension's chat model for plain calls and a streamer over
 * the extension's OpenAI client for streamed calls (see {@link LibraryInternals} for why not the
 * streaming model).
 */
record ProviderClient(Dialect dialect, ChatModel chat, LibraryInternals.Streamer streamer) {

    ProviderId id() {
        return dialect.id();
    }
}
