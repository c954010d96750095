package dev.qwen.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * AI/ML API: {@code enable_thinking} defaults to true upstream (and is billed), so it is always sent;
 * {@code thinking_budget} only with thinking on. Reasoning comes back as {@code reasoning_content}.
 */
public record AimlApiDialect(String baseUrl, String model, boolean supportsJsonSchema) implements Dialect {

    /** The model id AI/ML API documents for Qwen3-32B. */
    public static final String MODEL = "alibaba/qwen3-32b";

    @Override
    public ProviderId id() {
        return ProviderId.AIMLAPI;
    }

    @Override
    public String chatBaseUrl() {
        return Dialect.trimSlash(baseUrl);
    }

    @Override
    public String displayBaseUrl() {
        return chatBaseUrl();
    }

    @Override
    public Map<String, Object> thinkingFields(boolean thinking, Integer budget) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("enable_thinking", thinking);
        if (thinking && budget != null) {
            fields.put("thinking_budget", budget);
        }
        return fields;
    }

    /** 403 is how AI/ML API says the account's credits ran out: not the request's fault, so fail over. */
    @Override
    public Optional<ProviderFailure.Kind> ownMeaning(int status) {
        return status == 403 ? Optional.of(ProviderFailure.Kind.CREDITS_EXHAUSTED) : Optional.empty();
    }

    @Override
    public String noThinkSuffix() {
        return null;
    }
}
