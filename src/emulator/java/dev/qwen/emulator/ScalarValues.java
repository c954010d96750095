package dev.qwen.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The strings, numbers, flags and enum choices of a {@link SchemaInstance}, taken from the user's message
 * ({@link Cues}) where it offers one that fits, else a plausible default of the right type: the enum value
 * the message names, an order id for {@code orderId}, "Paris" for {@code city}, 3 for {@code days} from "3
 * days", an e-mail address, a date; string lengths, formats and patterns (a word of the message that
 * matches) and number bounds and {@code multipleOf} are kept.
 */
final class ScalarValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:](\\s|$)");
    /** Properties that pass on what the user wrote: they get the user's own words. */
    private static final Set<String> USER_TEXT = Set.of("query", "question", "q", "search", "input", "prompt", "text",
            "message", "reason", "description", "content", "comment", "note", "notes", "body", "details",
            "instructions");
    /** Properties that hold the model's own prose. */
    private static final Set<String> MODEL_TEXT = Set.of("answer", "summary", "explanation", "response", "reply",
            "result", "reasoning");
    private static final List<String> FLAG_WORDS = List.of("is", "has", "include", "with", "enable", "enabled", "use",
            "should", "allow");

    private final Cues cues;
    /** Every property name in the schema: a prompt that quotes them names keys, not values. */
    private final Set<String> keys;
    private int taken;

    ScalarValues(Cues cues, Set<String> keys) {
        this.cues = cues;
        this.keys = keys;
    }

    /** How many values came from the message so far: an optional argument that took none can be left out. */
    int taken() {
        return taken;
    }

    /** How many order ids the message names when {@code key} holds order ids (orderIds, ids), else 0. */
    int orderIdsFor(String key) {
        List<String> words = Cues.Words.of(key);
        boolean idLike = words.contains("order") || words.contains("id") || words.contains("ids");
        return idLike ? cues.orderIds().size() : 0;
    }

    /** The enum value the message names (case aside), else the first. */
    JsonNode choice(JsonNode values) {
        for (JsonNode v : values) {
            if (v.isTextual() && !v.asText().isBlank() && Cues.Words.of(v.asText()).stream().allMatch(cues::mentions)) {
                taken++;
                return v;
            }
        }
        return values.get(0);
    }

    /** True when the message names what the flag is about ("with forecast" for includeForecast). */
    boolean flag(String key) {
        List<String> words = Cues.Words.of(key);
        words.removeAll(FLAG_WORDS);
        boolean named = !words.isEmpty() && words.stream().allMatch(cues::mentions);
        taken += named ? 1 : 0;
        return named;
    }

    String string(JsonNode s, String key) {
        String value = switch (s.path("format").asText("")) {
            case "date" -> orElse(cues.date(), "2026-01-15");
            case "date-time" -> orElse(cues.date(), "2026-01-15") + "T09:00:00Z";
            case "time" -> "09:00:00";
            case "email" -> orElse(cues.email(), "customer@example.com");
            case "uri", "url", "iri" -> orElse(cues.url(), "https://example.com/");
            case "uuid" -> "00000000-0000-4000-8000-000000000000";
            case "ipv4" -> "192.0.2.1";
            case "ipv6" -> "2001:db8::1";
            case "hostname" -> "example.com";
            default -> byName(key);
        };
        value = matching(s.path("pattern").asText(null), value);
        int min = s.path("minLength").asInt(0);
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        value = value.isEmpty() && min > 0 ? "x" : value;
        while (value.length() < min) {
            value = value + " " + value;
        }
        return value.length() > max ? value.substring(0, max) : value;
    }

    private String byName(String key) {
        String lower = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (lower.contains("email")) {
            return orElse(cues.email(), "customer@example.com");
        }
        if (lower.endsWith("url") || lower.endsWith("uri") || lower.equals("link")) {
            return orElse(cues.url(), "https://example.com/");
        }
        if (lower.contains("date")) {
            return orElse(cues.date(), "2026-01-15");
        }
        if (lower.contains("sku") && cues.sku() != null) {
            return taken(cues.sku());
        }
        if (orderIdsFor(key) > 0) {
            return taken(cues.orderId());
        }
        if (USER_TEXT.contains(lower) || lower.endsWith("description") || lower.endsWith("reason")) {
            return taken(EmulatedQwen.abbreviate(cues.text(), 200));
        }
        if (lower.equals("title") || lower.equals("subject")) {
            return taken(EmulatedQwen.abbreviate(firstSentence(cues.text()), 80));
        }
        String name = MODEL_TEXT.contains(lower) ? null : cues.name();
        while (name != null && keys.contains(name)) { // "`setup` and `punchline` keys" names keys, not values
            name = cues.name();
        }
        if (name != null) {
            return taken(name);
        }
        return lower.isEmpty() || MODEL_TEXT.contains(lower)
                ? "Emulated answer to: " + EmulatedQwen.abbreviate(cues.text(), 80)
                : "emulated " + String.join(" ", Cues.Words.of(key));
    }

    /** The value if it matches the pattern, else the first word of the message that does. */
    private String matching(String pattern, String value) {
        if (pattern == null) {
            return value;
        }
        try {
            Pattern p = Pattern.compile(pattern);
            if (p.matcher(value).find()) {
                return value;
            }
            for (String token : cues.tokens()) {
                if (p.matcher(token).find()) {
                    return taken(token);
                }
            }
        } catch (PatternSyntaxException e) {
            // a pattern Java cannot read: keep the value
        }
        return value;
    }

    JsonNode number(JsonNode s, boolean integer) {
        BigDecimal low = bound(s, "minimum", "exclusiveMinimum", integer, true);
        BigDecimal high = bound(s, "maximum", "exclusiveMaximum", integer, false);
        Double cue = cues.number(n -> (!integer || n == Math.rint(n))
                && (low == null || BigDecimal.valueOf(n).compareTo(low) >= 0)
                && (high == null || BigDecimal.valueOf(n).compareTo(high) <= 0));
        taken += cue != null ? 1 : 0;
        BigDecimal value = cue != null ? BigDecimal.valueOf(cue) : BigDecimal.ONE;
        value = low != null && value.compareTo(low) < 0 ? low : value;
        value = high != null && value.compareTo(high) > 0 ? high : value;
        if (s.path("multipleOf").isNumber() && s.path("multipleOf").decimalValue().signum() > 0) {
            BigDecimal step = s.path("multipleOf").decimalValue();
            value = value.divide(step, 0, RoundingMode.CEILING).multiply(step);
            value = high != null && value.compareTo(high) > 0 ? value.subtract(step) : value;
        }
        if (integer) {
            return NODES.numberNode(value.setScale(0, RoundingMode.CEILING).longValueExact());
        }
        return NODES.numberNode(value.stripTrailingZeros().scale() <= 0 ? value.setScale(1) : value);
    }

    /** A bound of a number, made inclusive ({@code exclusiveMinimum} as a number, or the draft-4 boolean). */
    private static BigDecimal bound(JsonNode s, String inclusive, String exclusive, boolean integer, boolean lower) {
        BigDecimal b = null;
        if (s.path(inclusive).isNumber()) {
            b = s.path(inclusive).decimalValue();
            b = s.path(exclusive).asBoolean(false) ? inside(b, integer, lower) : b;
        }
        if (s.path(exclusive).isNumber()) {
            BigDecimal e = inside(s.path(exclusive).decimalValue(), integer, lower);
            b = b == null || (lower ? e.compareTo(b) > 0 : e.compareTo(b) < 0) ? e : b;
        }
        return b != null && integer ? b.setScale(0, lower ? RoundingMode.CEILING : RoundingMode.FLOOR) : b;
    }

    /** The nearest value past an exclusive bound: the next integer, or a hundredth further. */
    private static BigDecimal inside(BigDecimal bound, boolean integer, boolean lower) {
        if (integer) {
            return lower ? bound.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)
                    : bound.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
        }
        BigDecimal step = new BigDecimal("0.01");
        return lower ? bound.add(step) : bound.subtract(step);
    }

    private static String firstSentence(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.start()) : text;
    }

    /** The message's value, counted as taken, else the fallback. */
    private String orElse(String value, String fallback) {
        return value != null ? taken(value) : fallback;
    }

    private String taken(String fromMessage) {
        taken++;
        return fromMessage;
    }
}
