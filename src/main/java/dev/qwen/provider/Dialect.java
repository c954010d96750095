package dev.qwen.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * How one provider wants a Qwen3 chat completion asked: where to send it, which body fields switch
 * thinking, and whether it takes a JSON schema. {@link #render} writes a decided {@link UpstreamCall} in
 * that form; everything else is the plain OpenAI protocol that the extension's client already speaks.
 * Provider body fields and the named tool choice ride on langchain4j's per-request
 * {@link OpenAiChatRequestParameters#customParameters()} (sent as top-level JSON fields): the
 * documented seam, no fork.
 */
public sealed interface Dialect permits AimlApiDialect, TirDialect {

    ProviderId id();

    String model();

    /** The base URL the OpenAI client appends {@code /chat/completions} to (a query string is kept). */
    String chatBaseUrl();

    /** Display form for {@code GET /api/v1/providers}: no keys, no query. */
    String displayBaseUrl();

    /** Provider-specific top-level body fields that state thinking explicitly. */
    Map<String, Object> thinkingFields(boolean thinking, Integer budget);

    /** Qwen3's soft switch appended to the last user message when thinking is off, or null. */
    String noThinkSuffix();

    boolean supportsJsonSchema();

    /**
     * The meaning this provider gives an error status beyond HTTP's (429 rate limited, another 4xx refused,
     * 5xx unavailable), or empty when it means what HTTP says. {@link ProviderFailure#fromStatus} asks it first.
     */
    default Optional<ProviderFailure.Kind> ownMeaning(int status) {
        return Optional.empty();
    }

    /** The call as this provider's request. */
    default ChatRequest render(UpstreamCall call) {
        List<ChatMessage> messages = call.messages();
        UpstreamCall.Sampling sampling = call.sampling();
        Map<String, Object> fields = new LinkedHashMap<>(thinkingFields(call.thinking().on(), call.thinking().budget()));
        OpenAiChatRequestParameters.Builder out = OpenAiChatRequestParameters.builder()
                .modelName(model())
                .maxOutputTokens(sampling.maxOutputTokens())
                .stopSequences(sampling.stop())
                .temperature(sampling.temperature())
                .topP(sampling.topP())
                .seed(sampling.seed())
                .user(sampling.user());
        UpstreamCall.Format format = call.format();
        if (format.json()) {
            if (format.schema() != null && supportsJsonSchema()) {
                out.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(format.schema())
                        .build());
            } else {
                // Capability switch off: plain json_object, and the schema goes into the prompt instead.
                if (format.schema() != null) {
                    messages = withSchemaInstruction(messages, LibraryInternals.schemaJson(format.schema()));
                }
                out.responseFormat(ResponseFormat.JSON);
            }
        }
        UpstreamCall.Tools tools = call.tools();
        if (tools.offered()) {
            out.toolSpecifications(tools.specifications());
            if (tools.named() != null) {
                // A named function is not a langchain4j ToolChoice value: the OpenAI form goes as a body field.
                fields.put("tool_choice", Map.of("type", "function", "function", Map.of("name", tools.named())));
            } else {
                out.toolChoice(ToolChoice.valueOf(tools.choice().toUpperCase(java.util.Locale.ROOT)));
            }
            out.parallelToolCalls(tools.parallel());
        }
        if (!call.thinking().on() && noThinkSuffix() != null) {
            messages = UpstreamCall.withSuffixOnLastUserMessage(messages, noThinkSuffix());
        }
        out.customParameters(fields);
        return ChatRequest.builder().messages(messages).parameters(out.build()).build();
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static List<ChatMessage> withSchemaInstruction(List<ChatMessage> messages, String schema) {
        String instruction = "Answer with one JSON object only, matching this JSON schema: " + schema;
        List<ChatMessage> copy = new ArrayList<>(messages);
        if (!copy.isEmpty() && copy.get(0) instanceof SystemMessage system) {
            copy.set(0, SystemMessage.from(system.text() + "\n\n" + instruction));
        } else {
            copy.add(0, SystemMessage.from(instruction));
        }
        return copy;
    }
}
