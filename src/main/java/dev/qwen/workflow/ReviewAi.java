package dev.qwen.workflow;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;

/** The typed step of the order review: turns gathered tool results into the review record. */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface ReviewAi {

    @SystemMessage("""
            You write order reviews for a support team. Use only the tool results given; list every
            requested order exactly once; an order without data has status NOT_FOUND. Name concrete
            problems (late, not shipped, cancelled, refunded) and suggest next actions.""")
    @UserMessage("""
            Orders to review: {orderIds}
            Question: {question}
            Notes from the lookup: {notes}
            Tool results, one JSON object per line:
            {results}""")
    OrderReview review(@V("orderIds") String orderIds, @V("question") String question, @V("notes") String notes,
            @V("results") String results);
}
