package dev.qwen.provider;

import java.util.Locale;

/** The two Qwen3-32B providers; the lower-case name is what config, headers and JSON use. */
public enum ProviderId {
    AIMLAPI,
    TIR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
