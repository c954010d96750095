package dev.qwen.triage;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.service.UserMessage;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/**
 * Classification: typed output, thinking off (the model's policy for typed calls), no tools, no memory.
 *
 * <p>
 * The prompts are plain strings, not {@code @SystemMessage}/{@code @UserMessage} templates: quarkus-langchain4j
 * 1.10 parses a template with Qute on every call (5 % of a typed call's CPU, measured with JFR). A system message
 * from a {@link SystemMessageProvider} and a user message from a parameter are used as they are.
 */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        systemMessageProviderSupplier = TriageAi.Instructions.class)
public interface TriageAi {

    /** Classifies one customer message. */
    default Triage triage(String text) {
        return classify("Customer message:\n" + text);
    }

    Triage classify(@UserMessage String prompt);

    /** The system message. */
    final class Instructions implements SystemMessageProvider {

        private static final Optional<String> TEXT = Optional.of("""
                You triage customer-support messages for an electronics web shop.
                category: ORDER_STATUS (where is my order / its state), SHIPPING (delivery, carrier, tracking),
                REFUND (money back, returns), PRODUCT (defects, how-to, availability), ACCOUNT (login, data), else OTHER.
                priority: URGENT for safety issues or explicit urgency, HIGH for angry customers or money at stake,
                MEDIUM for ordinary problems, LOW for questions.
                Copy order ids (a letter followed by four digits, like A1001) exactly; never invent one.
                Answer with the JSON object only.""");

        @Override
        public Optional<String> getSystemMessage(Object memoryId) {
            return TEXT;
        }
    }
}
