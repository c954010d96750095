package dev.qwen.provider;

import jakarta.enterprise.context.RequestScoped;

/** Which provider answered during this HTTP request; the API layer turns it into {@code X-Provider}. */
@RequestScoped
public class ServedBy {

    private volatile ProviderId provider;

    public ProviderId get() {
        return provider;
    }

    public void set(ProviderId provider) {
        this.provider = provider;
    }
}
