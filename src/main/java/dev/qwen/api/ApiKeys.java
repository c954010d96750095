package dev.qwen.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.qwen.common.Sha256;

/**
 * {@code app.api-keys}: comma-separated {@code name:key} entries; a bare {@code key} is named {@code key1},
 * {@code key2}, ... by its position. Only SHA-256 digests of the keys are kept. A presented key is compared
 * with every configured digest by {@link MessageDigest#isEqual}, each time, so neither the length, the
 * position of a mismatch nor which key matched shows in the timing. The name is the caller's identity;
 * the key appears nowhere.
 */
@Singleton
public class ApiKeys {

    record Named(String name, byte[] digest) {
    }

    private final List<Named> keys;

    ApiKeys(@ConfigProperty(name = "app.api-keys") Optional<List<String>> configured) {
        this.keys = parse(configured.orElse(List.of()));
    }

    static List<Named> parse(List<String> entries) {
        List<Named> out = new ArrayList<>();
        int position = 0;
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            position++;
            int colon = entry.indexOf(':');
            String name = colon > 0 ? entry.substring(0, colon).trim() : "key" + position;
            String key = colon > 0 ? entry.substring(colon + 1).trim() : entry;
            out.add(new Named(name, digest(key)));
        }
        return List.copyOf(out);
    }

    /** Whether keys are required at all. */
    public boolean required() {
        return !keys.isEmpty();
    }

    /** The name of the key presented, or empty when it is none of the configured ones. */
    Optional<String> nameOf(String presented) {
        byte[] digest = digest(presented == null ? "" : presented);
        String found = null;
        for (Named key : keys) {
            if (MessageDigest.isEqual(key.digest(), digest) && found == null) {
                found = key.name();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String value) {
        return Sha256.of(value.getBytes(StandardCharsets.UTF_8));
    }
}
