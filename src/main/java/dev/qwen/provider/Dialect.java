package dev.qwen.provider;

import java.util.Map;

/**
 * How one provider wants a Qwen3 chat completion asked: where to send it and which body fields switch
 * thinking. Everything else is the plain OpenAI protocol that the extension's client already speaks.
 */
public sealed interface Dialect permits AimlApiDialect, TirDialect {

    ProviderId id();

    String model();

    /** The base URL the OpenAI client appends {@code /chat/completions} to (a query string is kept). */
    String chatBaseUrl();

    /** Display form for {@code GET /api/v1/providers}: no keys, no query. */
    String displayBaseUrl();

    /** Provider-specific top-level body fields that state thinking explicitly. */
    Map<String, Object> thinkingFields(boolean thinking, Integer budget);

    /** Qwen3's soft switch appended to the last user message when thinking is off, or null. */
    String noThinkSuffix();

    boolean supportsJsonSchema();

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
