package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which of a caller's tools a message mentions: a word of the tool's name (split on camelCase, snake_case
 * and kebab-case, generic verbs such as "get" aside) in the message makes it called, as "weather in Paris"
 * calls {@code getWeather}; failing that, the tool whose description shares the most words with the message.
 */
final class ToolMentions {

    /** Name words that say how, not what: "get", "fetch", "list", ... unless nothing else is left. */
    private static final Set<String> GENERIC = Set.of("get", "set", "fetch", "list", "find", "search", "lookup", "look",
            "up", "query", "create", "update", "delete", "remove", "add", "check", "do", "run", "call", "make", "tool",
            "api", "func", "fn", "by", "for", "of", "the", "a", "an", "to", "info", "information", "data", "current",
            "request", "retrieve", "read", "load", "show", "details");
    /** Description words too common to mean anything. */
    private static final Set<String> COMMON = Set.of("this", "that", "with", "from", "into", "about", "which", "what",
            "when", "where", "will", "your", "their", "there", "given", "return", "returns", "provided", "using",
            "used", "value", "values", "specific", "current", "information", "details", "tool", "function", "call",
            "based", "other", "some", "such", "also", "only", "like", "more", "most", "must", "should", "can",
            "could", "would", "does", "have", "has", "been", "being", "name", "named", "user", "users");

    private ToolMentions() {
    }

    /** The offered functions the message mentions, in offered order; none when it mentions none. */
    static List<JsonNode> in(String message, List<JsonNode> functions) {
        Set<String> words = new HashSet<>(Cues.Words.of(message));
        List<JsonNode> byName = new ArrayList<>();
        JsonNode byDescription = null;
        int best = 0;
        for (JsonNode function : functions) {
            if (nameWords(function.path("name").asText()).stream().anyMatch(w -> Cues.Words.matches(words, w))) {
                byName.add(function);
                continue;
            }
            int shared = (int) descriptionWords(function.path("description").asText("")).stream()
                    .filter(w -> Cues.Words.matches(words, w)).count();
            if (shared > best) {
                best = shared;
                byDescription = function;
            }
        }
        if (!byName.isEmpty()) {
            return byName;
        }
        return byDescription == null ? List.of() : List.of(byDescription);
    }

    static List<String> nameWords(String name) {
        List<String> all = Cues.Words.of(name);
        List<String> specific = all.stream().filter(w -> !GENERIC.contains(w) && w.length() > 1).toList();
        return specific.isEmpty() ? all : specific;
    }

    private static Set<String> descriptionWords(String description) {
        Set<String> out = new HashSet<>();
        for (String w : Cues.Words.of(description)) {
            if (w.length() >= 4 && !COMMON.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
