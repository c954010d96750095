package dev.qwen.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/**
 * Everything about one upstream call, decided once before it is routed: thinking and its budget, the
 * response format, the tools and the choice among them, the sampling, and whether (and to whom) it streams.
 * A {@link Dialect} only renders it and {@link ReplyNormaliser} reads the reply by it; nothing after
 * {@link #resolve} decides again. Made only by {@link #resolve} (and {@link #followedBy}).
 *
 * @param enforceToolChoice whether a forced choice the provider answered without the call is asked again
 */
public record UpstreamCall(List<ChatMessage> messages, Tools tools, Format format, Thinking thinking,
        Sampling sampling, Streaming streaming, boolean enforceToolChoice) {

    /**
     * The tools offered and the choice: {@code auto}, {@code none}, {@code required} or {@code named} (then
     * {@code named} is the tool); {@code choice} is null when no tools are offered.
     */
    public record Tools(List<ToolSpecification> specifications, String choice, String named, Boolean parallel) {

        static final Tools NONE = new Tools(List.of(), null, null, null);

        boolean offered() {
            return !specifications.isEmpty();
        }

        /** The call must come back with a tool call: {@code required} or a named tool. */
        boolean forced() {
            return "required".equals(choice) || "named".equals(choice);
        }

        /** At most one call of a reply may run. */
        boolean oneAtATime() {
            return Boolean.FALSE.equals(parallel);
        }
    }

    /**
     * Whether a JSON object is asked for, its schema when there is one, and what the answer must hold beyond
     * the schema ({@link ReplyCheck#NONE} for most calls).
     */
    public record Format(boolean json, JsonSchema schema, ReplyCheck check) {
        static final Format TEXT = new Format(false, null, ReplyCheck.NONE);
    }

    /** Thinking on or off; the budget only with thinking on. */
    public record Thinking(boolean on, Integer budget) {
    }

    /** Sampling and limits, as the caller gave them or as Qwen3 advises. */
    public record Sampling(double temperature, double topP, Integer maxOutputTokens, List<String> stop, Integer seed,
            String user) {
    }

    /** A streamed call: who hears the text as it arrives, and what stops the call. */
    public record Streaming(StreamListener listener, Cancellation cancellation) {
    }

    private static final Set<String> KEYWORDS = Set.of("auto", "none", "required");

    /**
     * The provider rules: thinking only when asked for, never with a JSON format or a forced tool (the hosted
     * Qwen3 family refuses them together), and a thinking call streams, because AI/ML API refuses thinking on
     * non-streaming calls; it is aggregated for a plain caller. Sampling is Qwen3's advice instead of the
     * library's 1.0: 0.6/0.95 thinking, 0.7/0.8 otherwise, and typed extraction runs cooler (0.2) so the same
     * text gives the same record.
     */
    public static UpstreamCall resolve(ChatRequest request) {
        CallIntent intent = CallIntent.of(request);
        ChatRequestParameters in = request.parameters();
        ResponseFormat responseFormat = in.responseFormat();
        boolean json = responseFormat != null && responseFormat.type() == ResponseFormatType.JSON;
        Format format = json ? new Format(true, responseFormat.jsonSchema(), intent.replyCheck()) : Format.TEXT;

        List<ToolSpecification> offered = in.toolSpecifications() == null ? List.of() : in.toolSpecifications();
        Tools tools = Tools.NONE;
        if (!offered.isEmpty()) {
            boolean keyword = KEYWORDS.contains(intent.toolChoice());
            tools = new Tools(List.copyOf(offered), keyword ? intent.toolChoice() : "named",
                    keyword ? null : intent.toolChoice(), intent.parallelToolCalls());
        }
        boolean thinkingOn = intent.thinking() && !json && !tools.forced();
        Thinking thinking = new Thinking(thinkingOn, thinkingOn ? intent.thinkingBudget() : null);
        Sampling sampling = new Sampling(
                in.temperature() != null ? in.temperature() : thinkingOn ? 0.6 : json ? 0.2 : 0.7,
                in.topP() != null ? in.topP() : thinkingOn ? 0.95 : 0.8,
                in.maxOutputTokens(), in.stopSequences(), intent.seed(), intent.user());
        Streaming streaming = thinkingOn || intent.listener() != null
                ? new Streaming(intent.listener() != null ? intent.listener() : StreamListener.NONE,
                        intent.cancellation() != null ? intent.cancellation() : new Cancellation())
                : null;
        return new UpstreamCall(List.copyOf(request.messages()), tools, format, thinking, sampling, streaming,
                intent.enforceToolChoice());
    }

    public boolean streamed() {
        return streaming != null;
    }

    /** The same call with {@code more} messages after the ones it had (a repair or a restated choice). */
    UpstreamCall followedBy(ChatMessage... more) {
        List<ChatMessage> longer = new ArrayList<>(messages);
        longer.addAll(List.of(more));
        return with(longer);
    }

    /** The same call with {@code note} added to its last user message (a correction asked afresh). */
    UpstreamCall amendedWith(String note) {
        List<ChatMessage> amended = withSuffixOnLastUserMessage(messages, "\n\n" + note);
        return amended == messages ? followedBy(UserMessage.from(note)) : with(amended);
    }

    private UpstreamCall with(List<ChatMessage> others) {
        return new UpstreamCall(List.copyOf(others), tools, format, thinking, sampling, streaming, enforceToolChoice);
    }

    /**
     * {@code messages} with {@code suffix} after the last user message's text, when the user spoke last (system
     * messages aside); else {@code messages} itself (a follow-up after tool results).
     */
    static List<ChatMessage> withSuffixOnLastUserMessage(List<ChatMessage> messages, String suffix) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                List<ChatMessage> copy = new ArrayList<>(messages);
                if (user.hasSingleText()) {
                    copy.set(i, UserMessage.from(user.singleText() + suffix));
                } else {
                    List<Content> contents = new ArrayList<>(user.contents());
                    contents.add(TextContent.from(suffix));
                    copy.set(i, UserMessage.from(contents));
                }
                return copy;
            }
            if (!(messages.get(i) instanceof SystemMessage)) {
                return messages;
            }
        }
        return messages;
    }
}
