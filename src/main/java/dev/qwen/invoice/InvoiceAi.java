package dev.qwen.invoice;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;

/** Extraction: typed output, thinking off, no tools, no memory; a correction round names the discrepancy. */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface InvoiceAi {

    String SYSTEM = """
            You extract invoices from text. Copy numbers exactly as written; do not compute missing ones
            unless the text gives their parts. amount is the line total (quantity x unit price).
            subtotal is the sum of line amounts, total = subtotal + tax. Dates as YYYY-MM-DD,
            currency as an ISO 4217 code. Answer with the JSON object only.""";

    @SystemMessage(SYSTEM)
    @UserMessage("Invoice text:\n{text}")
    Invoice extract(@V("text") String text);

    @SystemMessage(SYSTEM)
    @UserMessage("""
            Invoice text:
            {text}

            Your previous extraction was:
            {previous}

            It does not add up: {discrepancy}.
            Read the text again and return the corrected extraction.""")
    Invoice correct(@V("text") String text, @V("previous") String previous, @V("discrepancy") String discrepancy);
}
