package dev.qwen.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.qwen.provider.Usage;

/** Writes the facade's answers as OpenAI's {@code chat.completion} and {@code chat.completion.chunk} objects. */
final class Completions {

    private final String id;
    private final long created;
    private final String model;

    Completions(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** Reasoning, under whatever name the provider sent it, goes out as {@code reasoning_content}. */
    Map<String, Object> completion(ChatResponse response) {
        AiMessage answer = response.aiMessage();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", answer.text());
        if (answer.thinking() != null) {
            message.put("reasoning_content", answer.thinking());
        }
        if (answer.hasToolExecutionRequests()) {
            message.put("tool_calls", toolCalls(answer.toolExecutionRequests(), false));
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason(response));
        Map<String, Object> body = head("chat.completion");
        body.put("choices", List.of(choice));
        body.put("usage", usage(Usage.of(response.tokenUsage())));
        return body;
    }

    /** A chunk with one choice carrying {@code delta}, or the closing one with {@code finishReason}. */
    Map<String, Object> chunk(Map<String, Object> delta, String finishReason, boolean withUsageField) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> body = head("chat.completion.chunk");
        body.put("choices", List.of(choice));
        if (withUsageField) {
            body.put("usage", null);
        }
        return body;
    }

    /** The last chunk of a stream that asked for usage: no choices. */
    Map<String, Object> usageChunk(Usage usage) {
        Map<String, Object> body = head("chat.completion.chunk");
        body.put("choices", List.of());
        body.put("usage", usage(usage));
        return body;
    }

    static List<Map<String, Object>> toolCalls(List<ToolExecutionRequest> requests, boolean indexed) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest request = requests.get(i);
            Map<String, Object> call = new LinkedHashMap<>();
            if (indexed) {
                call.put("index", i);
            }
            call.put("id", request.id());
            call.put("type", "function");
            call.put("function", Map.of("name", request.name(),
                    "arguments", request.arguments() == null ? "{}" : request.arguments()));
            calls.add(call);
        }
        return calls;
    }

    static String finishReason(ChatResponse response) {
        if (response.aiMessage().hasToolExecutionRequests()) {
            return "tool_calls";
        }
        FinishReason reason = response.finishReason();
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> "stop";
        };
    }

    static Map<String, Object> usage(Usage usage) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prompt_tokens", usage.promptTokens());
        out.put("completion_tokens", usage.completionTokens());
        out.put("total_tokens", usage.totalTokens());
        out.put("completion_tokens_details", Map.of("reasoning_tokens", usage.reasoningTokens()));
        out.put("cost", usage.cost());
        return out;
    }

    private Map<String, Object> head(String object) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        return body;
    }
}
