package dev.qwen.provider;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one HTTP request did on its way through the provider layer: which endpoint asked (a metrics
 * label) and which provider answered (the API layer turns it into {@code X-Provider}).
 */
@RequestScoped
public class RequestTrail {

    private volatile String endpoint = "other";
    private volatile ProviderId provider;

    public ProviderId get() {
        return provider;
    }

    public void set(ProviderId provider) {
        this.provider = provider;
    }

    public String endpoint() {
        return endpoint;
    }

    public void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }
}
