package dev.qwen.emulator;

import java.util.List;

/**
 * What the emulated model says: reasoning (empty when thinking is off), content and tool calls, and whether
 * the caller's token limit cut it short.
 */
record Reply(String reasoning, String content, List<ToolCall> toolCalls, boolean cut) {

    record ToolCall(String id, String name, String arguments) {
    }

    Reply(String reasoning, String content, List<ToolCall> toolCalls) {
        this(reasoning, content, toolCalls, false);
    }

    static Reply text(String reasoning, String content) {
        return new Reply(reasoning, content, List.of());
    }

    String finishReason() {
        return !toolCalls.isEmpty() ? "tool_calls" : cut ? "length" : "stop";
    }

    /** About four characters a token, like the real tokenizer on English text. */
    static int tokens(String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }

    /** The reply within {@code maxTokens} (0: no limit): reasoning first, then the answer, cut at a word. */
    Reply limitedTo(int maxTokens) {
        if (maxTokens <= 0 || tokens(reasoning) + tokens(content) <= maxTokens) {
            return this;
        }
        String thought = cut(reasoning, maxTokens);
        String answer = content == null ? null : cut(content, maxTokens - tokens(thought));
        return new Reply(thought, answer, toolCalls, true);
    }

    private static String cut(String text, int tokens) {
        int chars = Math.max(0, tokens) * 4;
        if (text.length() <= chars) {
            return text;
        }
        int space = text.lastIndexOf(' ', chars);
        return text.substring(0, space > chars / 2 ? space : chars);
    }
}
