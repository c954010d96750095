package dev.qwen.emulator;

import java.util.List;

/** What the emulated model says: reasoning (empty when thinking is off), content and tool calls. */
record Reply(String reasoning, String content, List<ToolCall> toolCalls) {

    record ToolCall(String id, String name, String arguments) {
    }

    static Reply text(String reasoning, String content) {
        return new Reply(reasoning, content, List.of());
    }
}
