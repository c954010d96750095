package dev.qwen.provider;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one HTTP request did on its way through the provider layer: which endpoint asked (a metrics
 * label), for whom (the API key's name), under which write key, and which provider answered, with its model
 * (the API layer turns it into {@code X-Provider}).
 */
@RequestScoped
public class RequestTrail {

    private volatile String endpoint = "other";
    private volatile String caller = "anonymous";
    private volatile String writeKey;
    private volatile ProviderId provider;
    private volatile String model;

    /** The provider that answered last, or null while none has. */
    public ProviderId provider() {
        return provider;
    }

    /** The model id of the provider that answered last. */
    public String model() {
        return model;
    }

    void served(ProviderId provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    public String endpoint() {
        return endpoint;
    }

    public void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The calling API key's name (never the key): a label for cost and the owner of the usage. */
    public String caller() {
        return caller;
    }

    public void caller(String caller) {
        this.caller = caller;
    }

    /**
     * The caller-scoped identity of the request's {@code Idempotency-Key} (a digest, never the key), or null
     * without one: a repeat of the request has the same, so a write made under it is made once.
     */
    public String writeKey() {
        return writeKey;
    }

    public void writeKey(String writeKey) {
        this.writeKey = writeKey;
    }
}
