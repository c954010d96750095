package dev.qwen.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * Turns a provider-neutral chat request and the caller's {@link CallPolicy} into the exact request one
 * dialect wants. quarkus-langchain4j 1.10.0 has no per-call tool choice, no named tool choice and no
 * provider body fields, so they ride on langchain4j's per-request {@link OpenAiChatRequestParameters}
 * (its {@code customParameters} become top-level JSON fields): the documented seam, no fork.
 */
final class RequestShaper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestShaper() {
    }

    /** Whether the caller asked for JSON output (typed AI-service methods do). */
    static boolean wantsJson(ChatRequest request) {
        ResponseFormat format = request.parameters().responseFormat();
        return format != null && format.type() == ResponseFormatType.JSON;
    }

    static ChatRequest shape(Dialect dialect, ChatRequest request, CallPolicy policy, boolean thinking) {
        ChatRequestParameters in = request.parameters();
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        Map<String, Object> fields = new LinkedHashMap<>(dialect.thinkingFields(thinking, policy.thinkingBudget()));

        OpenAiChatRequestParameters.Builder out = OpenAiChatRequestParameters.builder()
                .modelName(dialect.model())
                .maxOutputTokens(in.maxOutputTokens())
                .stopSequences(in.stopSequences());

        boolean json = wantsJson(request);
        ResponseFormat format = in.responseFormat();
        if (json && format.jsonSchema() != null && !dialect.supportsJsonSchema()) {
            // Capability switch off: plain json_object, and the schema goes into the prompt instead.
            messages = withSchemaInstruction(messages, format);
            format = ResponseFormat.JSON;
        }
        out.responseFormat(format);
        sampling(out, in, thinking, json);

        if (!in.toolSpecifications().isEmpty()) {
            out.toolSpecifications(in.toolSpecifications());
            if (policy.namesTool()) {
                // A named function is not a langchain4j ToolChoice value; send the OpenAI form as a body field.
                fields.put("tool_choice", Map.of("type", "function", "function", Map.of("name", policy.toolChoice())));
            } else {
                out.toolChoice(switch (policy.toolChoiceWire()) {
                    case "none" -> ToolChoice.NONE;
                    case "required" -> ToolChoice.REQUIRED;
                    default -> ToolChoice.AUTO;
                });
            }
            if (policy.parallelToolCalls() != null) {
                out.parallelToolCalls(policy.parallelToolCalls());
            }
        }

        if (!thinking && dialect.noThinkSuffix() != null) {
            messages = withSuffixOnLastUserMessage(messages, dialect.noThinkSuffix());
        }
        out.customParameters(fields);
        return ChatRequest.builder().messages(messages).parameters(out.build()).build();
    }

    /**
     * Qwen3's recommended sampling instead of the library's temperature 1.0: 0.6/0.95 when thinking,
     * 0.7/0.8 otherwise; typed extraction runs cooler (0.2) so the same text gives the same record.
     */
    private static void sampling(OpenAiChatRequestParameters.Builder out, ChatRequestParameters in, boolean thinking,
            boolean json) {
        double temperature = thinking ? 0.6 : json ? 0.2 : 0.7;
        double topP = thinking ? 0.95 : 0.8;
        out.temperature(in.temperature() != null ? in.temperature() : temperature);
        out.topP(in.topP() != null ? in.topP() : topP);
    }

    private static List<ChatMessage> withSuffixOnLastUserMessage(List<ChatMessage> messages, String suffix) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                List<ChatMessage> copy = new ArrayList<>(messages);
                copy.set(i, user.hasSingleText()
                        ? UserMessage.from(user.singleText() + suffix)
                        : UserMessage.from(append(user, suffix)));
                return copy;
            }
            if (!(messages.get(i) instanceof SystemMessage)) {
                return messages; // a follow-up after tool results: the user turn is not the last one
            }
        }
        return messages;
    }

    private static List<dev.langchain4j.data.message.Content> append(UserMessage user, String suffix) {
        List<dev.langchain4j.data.message.Content> contents = new ArrayList<>(user.contents());
        contents.add(TextContent.from(suffix));
        return contents;
    }

    private static List<ChatMessage> withSchemaInstruction(List<ChatMessage> messages, ResponseFormat format) {
        String schema;
        try {
            schema = JSON.writeValueAsString(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schema not serialisable", e);
        }
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
