package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The keys a prompt asks a JSON object to have, when it states no schema: "respond in JSON with setup and
 * punchline keys", {@code two keys: "answer" and "source"}, or an example such as {@code {"name": "...",
 * "age": 30}}. Read as a schema of those properties, all required; an example's values give their types,
 * stated keys are strings.
 */
final class StatedKeys {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+");
    private static final Pattern KEYWORD = Pattern.compile("(?i)\\b(keys?|fields?|properties|property|attributes)\\b");
    private static final Pattern QUOTED_KEY = Pattern.compile("[`\"']([A-Za-z_][\\w-]*)[`\"']");
    private static final Pattern EXAMPLE_KEY = Pattern.compile("\"([A-Za-z_][\\w-]*)\"\\s*:\\s*(\\S)");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][\\w-]*|[,:]");
    /** Words around a list of keys that are not keys themselves. */
    private static final Set<String> NOT_KEYS = Set.of("the", "a", "an", "two", "three", "four", "five", "following",
            "these", "those", "with", "json", "object", "named", "called", "of", "in", "and", "or", "its", "their",
            "has", "have", "having", "containing", "contains", "include", "includes", "including", "only", "exactly",
            "respond", "reply", "return", "answer", "format", "as", "is", "are", "must", "should", "use", "to");

    private StatedKeys() {
    }

    /** The schema the prompt implies, if it names any keys. */
    static Optional<ObjectNode> in(String prompt) {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher sentence = SENTENCE.matcher(prompt);
        while (sentence.find()) {
            stated(sentence.group()).forEach(k -> keys.putIfAbsent(k, "string"));
        }
        if (keys.isEmpty()) {
            Matcher example = EXAMPLE_KEY.matcher(prompt);
            while (example.find()) {
                keys.putIfAbsent(example.group(1), typeOf(example.group(2).charAt(0)));
            }
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        keys.forEach((key, type) -> properties.putObject(key).put("type", type));
        keys.keySet().forEach(schema.putArray("required")::add);
        return Optional.of(schema);
    }

    /** Keys a sentence with "key(s)"/"field(s)" names: quoted ones, else the words listed before or after it. */
    private static List<String> stated(String sentence) {
        Matcher keyword = KEYWORD.matcher(sentence);
        if (!keyword.find()) {
            return List.of();
        }
        List<String> quoted = new ArrayList<>();
        Matcher q = QUOTED_KEY.matcher(sentence);
        while (q.find()) {
            quoted.add(q.group(1));
        }
        if (!quoted.isEmpty()) {
            return quoted;
        }
        List<String> before = list(tokens(sentence.substring(0, keyword.start())).reversed(), false);
        return before.isEmpty() ? list(tokens(sentence.substring(keyword.end())), true) : before.reversed();
    }

    /**
     * Words joined by "and", "or" and commas at the start of the tokens ("setup and punchline" before
     * "keys"); after the keyword, filler such as "the following" or a colon may come first.
     */
    private static List<String> list(List<String> tokens, boolean skipFiller) {
        List<String> out = new ArrayList<>();
        boolean expectKey = true;
        for (String token : tokens) {
            String lower = token.toLowerCase(Locale.ROOT);
            boolean separator = token.equals(",") || lower.equals("and") || lower.equals("or");
            if (out.isEmpty() && skipFiller && (token.equals(":") || NOT_KEYS.contains(lower))) {
                continue;
            }
            if (expectKey && !separator && !token.equals(":") && !NOT_KEYS.contains(lower)) {
                out.add(token);
                expectKey = false;
            } else if (!expectKey && separator) {
                expectKey = true;
            } else if (!(expectKey && separator)) { // ", and" is one separator
                break;
            }
        }
        return out;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String typeOf(char first) {
        return switch (first) {
            case '{' -> "object";
            case '[' -> "array";
            case 't', 'f' -> "boolean";
            default -> Character.isDigit(first) || first == '-' ? "number" : "string";
        };
    }
}
