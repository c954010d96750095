package dev.qwen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a user message offers for a tool's arguments or a typed answer: order ids, SKUs, quoted text,
 * capitalised names ("Paris", "New York"), numbers, a date, an e-mail address, a URL, and the words, for
 * booleans and enums. Names and numbers are handed out once each, in order, so {@code city} and
 * {@code country} get "Paris" and "France" from "Paris, France".
 */
final class Cues {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]{1,60})\"|“([^”\\n]{1,60})”|`([^`\\n]{1,60})`"
            + "|(?<!\\w)'([^'\\n]{1,60})'(?!\\w)");
    private static final Pattern NAME = Pattern.compile("\\b\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}\\p{Ll}+)*\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])-?\\d+(?:\\.\\d+)?(?![\\w-])");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");
    /** Capitalised words that open questions and requests rather than name something. */
    private static final Set<String> NOT_NAMES = Set.of("What", "What's", "Whats", "Where", "When", "Who", "Why", "How",
            "Which", "Is", "Are", "Was", "Can", "Could", "Would", "Will", "Should", "Do", "Does", "Did", "Please",
            "Tell", "Give", "Show", "Get", "Find", "List", "Check", "Look", "Call", "Use", "Make", "Send", "Let",
            "I", "I'm", "My", "Me", "We", "You", "Your", "The", "A", "An", "And", "Or", "But", "Hi", "Hello", "Hey",
            "Thanks", "Thank", "Also", "Then", "Now", "Today", "Tomorrow", "Yes", "No", "OK", "Ok", "It", "This",
            "That", "There", "Here", "For", "In", "On", "At", "Of", "To", "With", "From", "Respond", "Reply",
            "Answer", "Return", "Write", "Say", "Explain", "Describe", "Create", "Book", "Order", "Buy", "Cancel");

    private final String text;
    private final List<String> orderIds;
    private final List<String> skus;
    private final List<String> names;
    private final List<Double> numbers;
    private final Set<String> words;
    private int nextName;
    private int nextOrderId;

    Cues(String text) {
        this.text = text == null ? "" : text;
        this.orderIds = ChatRequestView.orderIds(this.text);
        this.skus = ChatRequestView.skus(this.text);
        this.names = names(this.text);
        this.numbers = numbers(this.text);
        this.words = Set.copyOf(Words.of(this.text));
    }

    String text() {
        return text;
    }

    /** The next order id named (the first again once all were used), or null when none was. */
    String orderId() {
        return orderIds.isEmpty() ? null : orderIds.get(nextOrderId++ % orderIds.size());
    }

    List<String> orderIds() {
        return orderIds;
    }

    String sku() {
        return skus.isEmpty() ? null : skus.get(0);
    }

    /** The next quoted text or capitalised name not handed out yet, or null. */
    String name() {
        return nextName < names.size() ? names.get(nextName++) : null;
    }

    /** The first number not handed out yet that {@code fits}, or null; the others stay for other properties. */
    Double number(DoublePredicate fits) {
        for (int i = 0; i < numbers.size(); i++) {
            if (fits.test(numbers.get(i))) {
                return numbers.remove(i);
            }
        }
        return null;
    }

    String date() {
        return DateReader.date(text);
    }

    String email() {
        return first(EMAIL);
    }

    String url() {
        return first(URL);
    }

    /** Whether the message has this word (or its plural or singular). */
    boolean mentions(String word) {
        return Words.matches(words, word);
    }

    /** Candidate strings to try against a pattern: every name, id, and word of the message. */
    List<String> tokens() {
        List<String> out = new ArrayList<>(names);
        out.addAll(orderIds);
        out.addAll(skus);
        for (String t : text.split("[\\s,;!?()]+")) {
            if (!t.isBlank()) {
                out.add(t);
            }
        }
        return out;
    }

    private String first(Pattern pattern) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group() : null;
    }

    /** Quoted text first, then names inside sentences; capitalised sentence openers only when there is nothing else. */
    private static List<String> names(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            for (int g = 1; g <= quoted.groupCount(); g++) {
                if (quoted.group(g) != null) {
                    out.add(quoted.group(g).strip());
                }
            }
        }
        List<String> openers = new ArrayList<>();
        Matcher name = NAME.matcher(text);
        while (name.find()) {
            String n = name.group();
            int start = name.start();
            for (String first = n.split("[ -]")[0]; NOT_NAMES.contains(first); first = n.split("[ -]")[0]) {
                if (n.length() == first.length()) {
                    n = "";
                    break;
                }
                n = n.substring(first.length() + 1); // "Paris" from "Describe Paris"
                start += first.length() + 1;
            }
            if (!n.isEmpty()) {
                (opensSentence(text, start) ? openers : out).add(n);
            }
        }
        if (out.isEmpty()) { // a capitalised opener is as often a verb ("Open a ticket") as a name ("Paris weather?")
            out.addAll(openers);
        }
        return new ArrayList<>(out);
    }

    private static boolean opensSentence(String text, int at) {
        String before = text.substring(0, at).stripTrailing();
        return before.isEmpty() || ".!?:\n".indexOf(before.charAt(before.length() - 1)) >= 0;
    }

    private static List<Double> numbers(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out;
    }

    /** Lower-case words of a text, and of identifiers split on camelCase, snake_case and kebab-case. */
    static final class Words {

        private Words() {
        }

        static List<String> of(String text) {
            List<String> out = new ArrayList<>();
            String split = text.replaceAll("([\\p{Ll}\\d])(\\p{Lu})", "$1 $2").replaceAll("(\\p{Lu})(\\p{Lu}\\p{Ll})", "$1 $2");
            for (String w : split.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
            return out;
        }

        static boolean matches(Set<String> words, String word) {
            return words.contains(word) || words.contains(stem(word)) || words.stream().anyMatch(w -> stem(w).equals(stem(word)));
        }

        /** Singular of a simple English plural: enough to match "orders" with "order". */
        static String stem(String word) {
            if (word.length() > 4 && word.endsWith("ies")) {
                return word.substring(0, word.length() - 3) + "y";
            }
            if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
                return word.substring(0, word.length() - 1);
            }
            return word;
        }
    }
}
