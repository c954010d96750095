package dev.qwen.emulator;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.WithDefault;

/**
 * {@link EmulatorConfig} outside Quarkus: each key from a system property ({@code -Dqwen.emulator.latency=200ms}),
 * else its environment variable ({@code QWEN_EMULATOR_LATENCY}), else the mapping's own {@code @WithDefault}.
 * Durations are written as Quarkus writes them: {@code 200ms}, {@code 2s}, {@code 1m}, a bare number of
 * seconds, or ISO-8601 ({@code PT0.2S}).
 */
record StandaloneConfig(boolean enabled, Duration latency, int tokenRate, double faultRate, int faultStatus)
        implements EmulatorConfig {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    /** From system properties and the environment of this process. */
    static StandaloneConfig fromEnvironment() {
        return from(key -> {
            String property = System.getProperty(key);
            return property != null ? property : System.getenv(environmentName(key));
        });
    }

    /** From any source of raw values (a key's absence means its default). */
    static StandaloneConfig from(Function<String, String> source) {
        Function<String, String> value = name -> {
            String raw = source.apply("qwen.emulator." + name);
            return raw == null || raw.isBlank() ? defaultOf(name) : raw.strip();
        };
        return new StandaloneConfig(
                Boolean.parseBoolean(value.apply("enabled")),
                duration(value.apply("latency")),
                Integer.parseInt(value.apply("token-rate")),
                Double.parseDouble(value.apply("fault-rate")),
                Integer.parseInt(value.apply("fault-status")));
    }

    static StandaloneConfig defaults() {
        return from(key -> null);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The {@code @WithDefault} of the mapping's method for a kebab-case name. */
    private static String defaultOf(String name) {
        String camel = Pattern.compile("-([a-z])").matcher(name).replaceAll(m -> m.group(1).toUpperCase(Locale.ROOT));
        try {
            Method method = EmulatorConfig.class.getMethod(camel);
            return method.getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no such emulator key: " + name, e);
        }
    }

    static Duration duration(String text) {
        String t = text.strip();
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(t);
        }
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millisPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 1_000;
        };
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
    }

    /** For tests: the defaults with some keys set. */
    static StandaloneConfig with(Map<String, String> values) {
        return from(values::get);
    }
}
