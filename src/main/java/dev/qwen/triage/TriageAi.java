package dev.qwen.triage;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;

/** Classification: typed output, thinking off (the model's policy for typed calls), no tools, no memory. */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface TriageAi {

    @SystemMessage("""
            You triage customer-support messages for an electronics web shop.
            category: ORDER_STATUS (where is my order / its state), SHIPPING (delivery, carrier, tracking),
            REFUND (money back, returns), PRODUCT (defects, how-to, availability), ACCOUNT (login, data), else OTHER.
            priority: URGENT for safety issues or explicit urgency, HIGH for angry customers or money at stake,
            MEDIUM for ordinary problems, LOW for questions.
            Copy order ids (a letter followed by four digits, like A1001) exactly; never invent one.
            Answer with the JSON object only.""")
    @UserMessage("Customer message:\n{text}")
    Triage triage(@V("text") String text);
}
