package dev.qwen.provider;

/**
 * The one place that separates a model's reasoning from its answer. Qwen3 served by vLLM without a
 * reasoning parser puts its reasoning in content as {@code <think>…</think>}; with thinking off it
 * still emits an empty {@code <think></think>} block; a chat template may open the block in the prompt
 * so only {@code </think>} appears; a cut-off answer may leave the block unclosed. Typed output also
 * arrives wrapped in Markdown code fences now and then.
 */
public final class ReasoningStripper {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private ReasoningStripper() {
    }

    /** Reasoning (possibly empty) and the answer with the think block and surrounding space removed. */
    public record Split(String reasoning, String answer) {
    }

    public static Split split(String content) {
        if (content == null) {
            return new Split("", "");
        }
        String text = content.stripLeading();
        int close = text.indexOf(CLOSE);
        if (close >= 0) {
            String head = text.substring(0, close);
            int open = head.indexOf(OPEN);
            // Text before <think> (rare) belongs to the answer; everything inside the block is reasoning.
            String before = open >= 0 ? head.substring(0, open) : "";
            String reasoning = open >= 0 ? head.substring(open + OPEN.length()) : head;
            String after = text.substring(close + CLOSE.length());
            return new Split(reasoning.strip(), (before + after).strip());
        }
        if (text.startsWith(OPEN)) {
            // Unclosed leading block: the model never got to an answer.
            return new Split(text.substring(OPEN.length()).strip(), "");
        }
        return new Split("", content.strip());
    }

    /** The answer of {@link #split} without Markdown code fences: what a JSON parser should see. */
    public static String jsonCandidate(String content) {
        return stripFences(split(content).answer());
    }

    static String stripFences(String text) {
        String t = text.strip();
        if (!t.startsWith("```")) {
            return t;
        }
        int firstNewline = t.indexOf('\n');
        if (firstNewline < 0) {
            return t.replace("```", "").strip();
        }
        String body = t.substring(firstNewline + 1);
        int end = body.lastIndexOf("```");
        return (end >= 0 ? body.substring(0, end) : body).strip();
    }
}
