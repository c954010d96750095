package dev.qwen.provider;

/**
 * One upstream call that answered: who served, for which endpoint and caller (the key's name), and its
 * usage, priced. Fired synchronously by {@link ProviderCall}; the usage package counts it against the caller.
 */
public record ModelCallMetered(ProviderId provider, String endpoint, String caller, Usage usage) {
}
