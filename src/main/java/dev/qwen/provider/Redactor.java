package dev.qwen.provider;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/** Removes configured keys and any bearer token from text before it is logged. */
@ApplicationScoped
public class Redactor {

    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");

    private final List<String> secrets;

    Redactor(ProviderRegistry registry) {
        this.secrets = registry.secrets().stream().filter(s -> s.length() >= 4).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = BEARER.matcher(text).replaceAll("Bearer ***");
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }
}
