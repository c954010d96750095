package dev.qwen.invoice;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.UserMessage;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/**
 * Extraction: typed output, thinking off, no tools, no memory. The model checks the arithmetic in its repair
 * loop ({@link CheckedModel}): an extraction that does not add up is asked for once more, with the
 * discrepancy named. Prompts are plain strings, not templates, as in {@code TriageAi} (why: there).
 */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = InvoiceAi.CheckedModel.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        systemMessageProviderSupplier = InvoiceAi.Instructions.class)
public interface InvoiceAi {

    default Invoice extract(String text) {
        return read("Invoice text:\n" + text);
    }

    Invoice read(@UserMessage String prompt);

    /** The model, with {@link InvoiceCheck#correction} as the check of every answer. */
    final class CheckedModel extends QwenModelSupplier {
        public CheckedModel() {
            super(InvoiceCheck::correction);
        }
    }

    /** The system message of every round. */
    final class Instructions implements SystemMessageProvider {

        private static final Optional<String> TEXT = Optional.of("""
                You extract invoices from text. Copy numbers exactly as written; do not compute missing ones
                unless the text gives their parts. amount is the line total (quantity x unit price).
                subtotal is the sum of line amounts, total = subtotal + tax. Dates as YYYY-MM-DD,
                currency as an ISO 4217 code. Answer with the JSON object only.""");

        @Override
        public Optional<String> getSystemMessage(Object memoryId) {
            return TEXT;
        }
    }
}
