package dev.qwen.provider;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

/**
 * The one place where a model reply, however the server wrote it, becomes the shape every caller sees:
 * reasoning apart from the answer, the answer trimmed, tool calls as tool calls. Every path that reads a
 * reply (typed calls, the agent, streams, the OpenAI-compatible endpoint) gets it from here, through
 * {@link ProviderCall}; a stream's live text goes through {@link StreamNormaliser}, which follows the same
 * rules piece by piece.
 *
 * <p>
 * What it undoes, as servers hosting Qwen3 send it:
 * <ul>
 * <li>reasoning in {@code reasoning_content}, in {@code reasoning} (read into the same field when the reply
 * is parsed, see {@link LibraryInternals#readReasoningUnderEitherName}), or as a {@code <think>} block in
 * content: whichever came, counted once (the field wins over a block with the same text);</li>
 * <li>with thinking off, the whole answer in the reasoning field and no content: that text is the answer;</li>
 * <li>tool calls left in content as {@code <tool_call>} blocks ({@link ToolCallMarkup});</li>
 * <li>several calls although the call asked for one at most: only the first is kept, so the turn's history
 * holds exactly what runs;</li>
 * <li>blank lines between the reasoning and the answer, and Markdown fences around typed output.</li>
 * </ul>
 */
final class ReplyNormaliser {

    private ReplyNormaliser() {
    }

    static AiMessage normalise(AiMessage raw, UpstreamCall call) {
        ReasoningStripper.Split split = ReasoningStripper.split(raw.text());
        String reasoning = notBlank(raw.thinking()) ? raw.thinking() : split.reasoning();
        String answer = split.answer();
        List<ToolExecutionRequest> calls = raw.toolExecutionRequests();

        if (!call.thinking().on() && answer.isEmpty() && calls.isEmpty() && !reasoning.isEmpty()) {
            // Thinking was off, so there is no reasoning to keep: the server put the answer in the wrong field.
            answer = reasoning.strip();
            reasoning = "";
        }
        if (call.tools().offered() && ToolCallMarkup.present(answer)) {
            ToolCallMarkup.Extracted extracted = ToolCallMarkup.extract(answer);
            answer = extracted.text();
            if (calls.isEmpty()) {
                calls = extracted.calls();
            }
        }
        if (call.tools().oneAtATime() && calls.size() > 1) {
            calls = List.of(calls.get(0));
        }
        if (call.format().json()) {
            answer = ReasoningStripper.stripFences(answer);
        }
        return AiMessage.builder()
                .text(answer.isEmpty() && !calls.isEmpty() ? null : answer)
                .thinking(reasoning.isEmpty() ? null : reasoning)
                .toolExecutionRequests(calls)
                .build();
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
