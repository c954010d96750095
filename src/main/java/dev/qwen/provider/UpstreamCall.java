package dev.qwen.provider;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/**
 * Everything about one upstream call, decided once before it is routed: thinking and its budget,
 * streamed or not, the response format, the tool choice and its wire form, the parallel flag and the
 * sampling. A {@link Dialect} only renders it; nothing after {@link #resolve} decides again.
 *
 * @param json whether a JSON object is asked for; {@code schema} is its schema when there is one
 * @param toolChoice {@code auto}, {@code none}, {@code required} or {@code named} (then {@code namedTool}),
 *        null when the call carries no tools
 * @param seed and {@code user}: passed on as the caller gave them (the OpenAI-compatible path), else null
 */
public record UpstreamCall(List<ChatMessage> messages, List<ToolSpecification> tools, boolean json, JsonSchema schema,
        boolean thinking, Integer thinkingBudget, boolean streamed, String toolChoice, String namedTool,
        Boolean parallelToolCalls, double temperature, double topP, Integer maxOutputTokens,
        List<String> stopSequences, StreamListener listener, Cancellation cancellation, Integer seed, String user) {

    private static final List<String> KEYWORDS = List.of("auto", "none", "required");

    /**
     * The provider rules (PROVIDERS.md, rule 0): thinking only when asked for, never with a JSON format
     * or a forced tool (the hosted Qwen3 family refuses them together), and a thinking call streams,
     * because AI/ML API refuses thinking on non-streaming calls; it is aggregated for a plain caller.
     * Sampling is Qwen3's advice instead of the library's 1.0: 0.6/0.95 thinking, 0.7/0.8 otherwise, and
     * typed extraction runs cooler (0.2) so the same text gives the same record.
     */
    public static UpstreamCall resolve(ChatRequest request) {
        CallIntent intent = CallIntent.of(request);
        ChatRequestParameters in = request.parameters();
        ResponseFormat format = in.responseFormat();
        boolean json = format != null && format.type() == ResponseFormatType.JSON;
        List<ToolSpecification> tools = in.toolSpecifications() == null ? List.of() : in.toolSpecifications();

        String choice = null;
        String named = null;
        if (!tools.isEmpty()) {
            choice = KEYWORDS.contains(intent.toolChoice()) ? intent.toolChoice() : "named";
            named = "named".equals(choice) ? intent.toolChoice() : null;
        }
        boolean forced = "required".equals(choice) || "named".equals(choice);
        boolean thinking = intent.thinking() && !json && !forced;
        boolean streamed = thinking || intent.listener() != null;

        return new UpstreamCall(List.copyOf(request.messages()), tools, json, json ? format.jsonSchema() : null,
                thinking, thinking ? intent.thinkingBudget() : null, streamed, choice, named,
                tools.isEmpty() ? null : intent.parallelToolCalls(),
                in.temperature() != null ? in.temperature() : thinking ? 0.6 : json ? 0.2 : 0.7,
                in.topP() != null ? in.topP() : thinking ? 0.95 : 0.8,
                in.maxOutputTokens(), in.stopSequences(),
                streamed ? orNone(intent.listener()) : null,
                streamed ? (intent.cancellation() != null ? intent.cancellation() : new Cancellation()) : null,
                intent.seed(), intent.user());
    }

    /** The same call with {@code more} messages after the ones it had (a repair round). */
    UpstreamCall followedBy(ChatMessage... more) {
        List<ChatMessage> longer = new ArrayList<>(messages);
        longer.addAll(List.of(more));
        return new UpstreamCall(List.copyOf(longer), tools, json, schema, thinking, thinkingBudget, streamed, toolChoice,
                namedTool, parallelToolCalls, temperature, topP, maxOutputTokens, stopSequences, listener,
                cancellation, seed, user);
    }

    private static StreamListener orNone(StreamListener listener) {
        return listener != null ? listener : StreamListener.NONE;
    }
}
