package dev.qwen.provider;

import java.util.function.Supplier;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.arc.Arc;

/** Binds declarative AI services to {@link QwenChatModel} instead of a config-named OpenAI model. */
public class QwenModelSupplier implements Supplier<ChatModel> {

    @Override
    public ChatModel get() {
        return Arc.container().instance(QwenChatModel.class).get();
    }
}
