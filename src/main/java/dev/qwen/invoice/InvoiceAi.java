package dev.qwen.invoice;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.UserMessage;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/**
 * Extraction: typed output, thinking off, no tools, no memory; a correction round names the discrepancy.
 * Prompts are plain strings, not templates, as in {@code TriageAi} (why: there).
 */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        systemMessageProviderSupplier = InvoiceAi.Instructions.class)
public interface InvoiceAi {

    default Invoice extract(String text) {
        return read("Invoice text:\n" + text);
    }

    default Invoice correct(String text, String previous, String discrepancy) {
        return read("Invoice text:\n" + text + "\n\nYour previous extraction was:\n" + previous
                + "\n\nIt does not add up: " + discrepancy + ".\nRead the text again and return the corrected extraction.");
    }

    Invoice read(@UserMessage String prompt);

    /** The system message of both rounds. */
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
