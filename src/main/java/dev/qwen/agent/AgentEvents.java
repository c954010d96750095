package dev.qwen.agent;

import dev.qwen.provider.StreamListener;

/**
 * What a streamed turn reports besides text ({@link StreamListener}): the tool calls as the model asks for
 * them and each result as soon as its tool finished (from any thread).
 */
public interface AgentEvents extends StreamListener {

    default void onToolCall(ToolCall call) {
    }

    default void onToolResult(ToolCall call) {
    }
}
