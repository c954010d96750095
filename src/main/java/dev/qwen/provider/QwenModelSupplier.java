package dev.qwen.provider;

import java.util.function.Supplier;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.arc.Arc;

/**
 * Binds declarative AI services to {@link QwenChatModel} instead of a config-named OpenAI model. A typed AI
 * service whose answers must hold more than their schema names a subclass that passes its {@link ReplyCheck}
 * (the extension instantiates the supplier class it is given, so the check rides on the class).
 */
public class QwenModelSupplier implements Supplier<ChatModel> {

    private final ReplyCheck check;

    public QwenModelSupplier() {
        this(ReplyCheck.NONE);
    }

    protected QwenModelSupplier(ReplyCheck check) {
        this.check = check;
    }

    @Override
    public ChatModel get() {
        QwenChatModel model = Arc.container().instance(QwenChatModel.class).get();
        return check == ReplyCheck.NONE ? model : model.checkedBy(check);
    }
}
