package dev.qwen.provider;

import java.util.Locale;

/**
 * The two Qwen3-32B providers; the lower-case name is what config, headers and JSON use. Each carries the
 * model id its provider documents: the default of {@code qwen.<provider>.model}, and an id the service answers
 * to whatever is configured.
 */
public enum ProviderId {
    AIMLAPI(AimlApiDialect.MODEL),
    TIR(TirDialect.MODEL);

    private final String documentedModel;

    ProviderId(String documentedModel) {
        this.documentedModel = documentedModel;
    }

    public String documentedModel() {
        return documentedModel;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
