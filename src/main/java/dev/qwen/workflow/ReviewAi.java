package dev.qwen.workflow;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.UserMessage;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/**
 * The typed step of the order review: turns gathered tool results into the review record.
 * Prompts are plain strings, not templates, as in {@code TriageAi} (why: there).
 */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        systemMessageProviderSupplier = ReviewAi.Instructions.class)
public interface ReviewAi {

    /** {@code results}: one JSON object per line; {@code notes} may be null (the lookup said nothing). */
    default OrderReview review(String orderIds, String question, String notes, String results) {
        return write("Orders to review: " + orderIds + "\nQuestion: " + question + "\nNotes from the lookup: "
                + (notes == null ? "" : notes)
                + "\nTool results, one JSON object per line:\n" + results);
    }

    OrderReview write(@UserMessage String prompt);

    /** The system message. */
    final class Instructions implements SystemMessageProvider {

        private static final Optional<String> TEXT = Optional.of("""
                You write order reviews for a support team. Use only the tool results given; list every
                requested order exactly once; an order without data has status NOT_FOUND. Name concrete
                problems (late, not shipped, cancelled, refunded) and suggest next actions.""");

        @Override
        public Optional<String> getSystemMessage(Object memoryId) {
            return TEXT;
        }
    }
}
