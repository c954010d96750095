package dev.qwen.openai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.qwen.provider.CallIntent;
import dev.qwen.provider.Cancellation;
import dev.qwen.provider.StreamListener;

/**
 * An OpenAI chat-completions request, read field by field (each refusal names its {@code param}) into
 * the provider layer's terms: a langchain4j {@link ChatRequest} (messages, tools as
 * {@link ToolSpecification}s with the caller's JSON schemas kept as they are, response format, sampling)
 * and a {@link CallIntent} (thinking and budget, tool choice, parallel calls, seed, user). Unknown fields
 * are ignored, as OpenAI's SDKs send fields of their own.
 */
record ChatCompletionRequest(String model, List<ChatMessage> messages, List<ToolSpecification> tools,
        ResponseFormat responseFormat, Integer maxTokens, Double temperature, Double topP, List<String> stop,
        boolean thinking, Integer thinkingBudget, String toolChoice, Boolean parallelToolCalls, Integer seed,
        String user, boolean stream, boolean includeUsage) {

    /** Thinking budgets for {@code reasoning_effort}. */
    static final Map<String, Integer> EFFORT = Map.of("low", 1024, "medium", 4096, "high", 16384);

    static ChatCompletionRequest read(JsonNode body, Set<String> models) {
        if (body == null || !body.isObject()) {
            throw new OpenAiRequestException(null, "The body must be a JSON object.");
        }
        String model = text(body, "model", true);
        if (!models.contains(model)) {
            throw new ModelNotFoundException(model);
        }
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isInt() && n.asInt() == 1)) {
            throw new OpenAiRequestException("n", "Only n = 1 is supported.");
        }
        List<ChatMessage> messages = messages(body.get("messages"));
        List<ToolSpecification> tools = tools(body.get("tools"));
        String toolChoice = toolChoice(body.get("tool_choice"), tools);
        Integer maxTokens = integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens == null) {
            maxTokens = integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        }
        Double temperature = number(body, "temperature", 0, 2);
        Double topP = number(body, "top_p", 0, 1);
        List<String> stop = stop(body.get("stop"));
        Integer seed = integer(body, "seed", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String user = text(body, "user", false);
        Boolean parallel = bool(body, "parallel_tool_calls");
        boolean stream = Boolean.TRUE.equals(bool(body, "stream"));
        JsonNode options = body.get("stream_options");
        boolean includeUsage = stream && options != null && options.isObject()
                && Boolean.TRUE.equals(bool(options, "include_usage"));

        // Thinking is off unless asked for: reasoning_effort, or enable_thinking (with an optional budget).
        String effort = text(body, "reasoning_effort", false);
        if (effort != null && !EFFORT.containsKey(effort)) {
            throw new OpenAiRequestException("reasoning_effort", "reasoning_effort must be low, medium or high.");
        }
        Boolean enable = bool(body, "enable_thinking");
        Integer budget = integer(body, "thinking_budget", 1, Integer.MAX_VALUE);
        boolean thinking = !Boolean.FALSE.equals(enable) && (effort != null || Boolean.TRUE.equals(enable) || budget != null);
        Integer thinkingBudget = !thinking ? null : budget != null ? budget : effort != null ? EFFORT.get(effort) : null;

        return new ChatCompletionRequest(model, messages, tools, responseFormat(body.get("response_format")),
                maxTokens, temperature, topP, stop, thinking, thinkingBudget, toolChoice, parallel, seed, user,
                stream, includeUsage);
    }

    /** The request for the provider facade, carrying the caller's intent. */
    ChatRequest toChatRequest(StreamListener listener, Cancellation cancellation) {
        OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder()
                .maxOutputTokens(maxTokens)
                .temperature(temperature)
                .topP(topP)
                .stopSequences(stop)
                .responseFormat(responseFormat);
        if (!tools.isEmpty()) {
            parameters.toolSpecifications(tools);
        }
        ChatRequest request = ChatRequest.builder().messages(messages).parameters(parameters.build()).build();
        // The caller runs the tools here: a forced choice the provider ignored is answered as it came.
        return CallIntent.builder().thinking(thinking, thinkingBudget).toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls).enforceToolChoice(false).seed(seed).user(user)
                .streamTo(listener, cancellation).build().attachTo(request);
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new OpenAiRequestException("messages", "messages must be a non-empty array.");
        }
        List<ChatMessage> out = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw new OpenAiRequestException(where, where + " must be an object.");
            }
            String role = m.path("role").asText("");
            String content = content(m.get("content"), where + ".content");
            switch (role) {
                case "system", "developer" -> out.add(SystemMessage.from(required(content, where)));
                case "user" -> out.add(UserMessage.from(required(content, where)));
                case "assistant" -> {
                    List<ToolExecutionRequest> calls = new ArrayList<>();
                    JsonNode toolCalls = m.get("tool_calls");
                    if (toolCalls != null && !toolCalls.isNull()) {
                        if (!toolCalls.isArray()) {
                            throw new OpenAiRequestException(where + ".tool_calls", "tool_calls must be an array.");
                        }
                        for (JsonNode call : toolCalls) {
                            String id = call.path("id").asText("");
                            String name = call.path("function").path("name").asText("");
                            if (id.isEmpty() || name.isEmpty()) {
                                throw new OpenAiRequestException(where + ".tool_calls",
                                        "every tool call needs an id and a function name.");
                            }
                            JsonNode arguments = call.path("function").get("arguments");
                            calls.add(ToolExecutionRequest.builder().id(id).name(name)
                                    .arguments(arguments == null || arguments.isNull() ? "{}"
                                            : arguments.isTextual() ? arguments.asText() : arguments.toString())
                                    .build());
                            toolNames.put(id, name);
                        }
                    }
                    if (calls.isEmpty()) {
                        out.add(AiMessage.from(content == null ? "" : content));
                    } else {
                        out.add(AiMessage.builder().text(content == null || content.isEmpty() ? null : content)
                                .toolExecutionRequests(calls).build());
                    }
                }
                case "tool" -> {
                    String id = m.path("tool_call_id").asText("");
                    if (id.isEmpty()) {
                        throw new OpenAiRequestException(where + ".tool_call_id", "a tool message needs tool_call_id.");
                    }
                    out.add(ToolExecutionResultMessage.from(id, toolNames.getOrDefault(id, m.path("name").asText("tool")),
                            content == null ? "" : content));
                }
                default -> throw new OpenAiRequestException(where + ".role",
                        "role must be system, developer, user, assistant or tool.");
            }
        }
        return out;
    }

    private static String required(String content, String where) {
        if (content == null) {
            throw new OpenAiRequestException(where + ".content", where + " needs content.");
        }
        return content;
    }

    /** A string, or an array of text parts (joined); null when absent. */
    private static String content(JsonNode node, String param) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw new OpenAiRequestException(param, "only text content parts are supported.");
                }
                text.append(part.path("text").asText());
            }
            return text.toString();
        }
        throw new OpenAiRequestException(param, "content must be a string or an array of text parts.");
    }

    private static List<ToolSpecification> tools(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new OpenAiRequestException("tools", "tools must be an array.");
        }
        List<ToolSpecification> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode tool = node.get(i);
            String where = "tools[" + i + "]";
            JsonNode function = tool.path("function");
            if (!"function".equals(tool.path("type").asText()) || !function.path("name").isTextual()) {
                throw new OpenAiRequestException(where, "every tool must be {\"type\": \"function\", \"function\": {\"name\", ...}}.");
            }
            ToolSpecification.Builder spec = ToolSpecification.builder().name(function.path("name").asText());
            if (function.path("description").isTextual()) {
                spec.description(function.path("description").asText());
            }
            spec.parameters(parameters(function.get("parameters"), where + ".function.parameters"));
            out.add(spec.build());
        }
        return out;
    }

    /** The caller's parameter schema, property by property as given (no property is reinterpreted). */
    private static JsonObjectSchema parameters(JsonNode schema, String param) {
        JsonObjectSchema.Builder object = JsonObjectSchema.builder();
        if (schema == null || schema.isNull()) {
            return object.build();
        }
        if (!schema.isObject() || (schema.has("type") && !"object".equals(schema.path("type").asText()))) {
            throw new OpenAiRequestException(param, "function parameters must be a JSON schema of type object.");
        }
        if (schema.path("description").isTextual()) {
            object.description(schema.path("description").asText());
        }
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            properties.put(property.getKey(), JsonRawSchema.from(property.getValue().toString()));
        }
        object.addProperties(properties);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            object.required(required);
        }
        if (schema.path("additionalProperties").isBoolean()) {
            object.additionalProperties(schema.path("additionalProperties").asBoolean());
        }
        JsonNode defs = schema.has("$defs") ? schema.get("$defs") : schema.get("definitions");
        if (defs != null && defs.isObject()) {
            Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
            defs.fields().forEachRemaining(d -> definitions.put(d.getKey(), JsonRawSchema.from(d.getValue().toString())));
            object.definitions(definitions);
        }
        return object.build();
    }

    /** {@code auto}, {@code none}, {@code required} or the name of one of the tools. */
    private static String toolChoice(JsonNode node, List<ToolSpecification> tools) {
        if (node == null || node.isNull()) {
            return "auto";
        }
        String choice;
        if (node.isTextual() && Set.of("auto", "none", "required").contains(node.asText())) {
            choice = node.asText();
        } else if (node.isObject() && "function".equals(node.path("type").asText())
                && node.path("function").path("name").isTextual()) {
            choice = node.path("function").path("name").asText();
            if (tools.stream().noneMatch(t -> t.name().equals(node.path("function").path("name").asText()))) {
                throw new OpenAiRequestException("tool_choice", "tool_choice names a function that is not in tools.");
            }
        } else {
            throw new OpenAiRequestException("tool_choice",
                    "tool_choice must be auto, none, required or {\"type\": \"function\", \"function\": {\"name\"}}.");
        }
        if (tools.isEmpty() && "required".equals(choice)) {
            throw new OpenAiRequestException("tool_choice", "tool_choice required needs tools.");
        }
        return choice;
    }

    private static ResponseFormat responseFormat(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> ResponseFormat.JSON;
            case "json_schema" -> {
                JsonNode spec = node.path("json_schema");
                if (!spec.path("schema").isObject()) {
                    throw new OpenAiRequestException("response_format.json_schema.schema",
                            "json_schema needs a schema object.");
                }
                yield ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name(spec.path("name").asText("response"))
                                .rootElement(JsonRawSchema.from(spec.path("schema").toString())).build())
                        .build();
            }
            default -> throw new OpenAiRequestException("response_format.type",
                    "response_format.type must be text, json_object or json_schema.");
        };
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && node.size() <= 4) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : node) {
                if (!s.isTextual()) {
                    throw new OpenAiRequestException("stop", "stop must be a string or up to 4 strings.");
                }
                out.add(s.asText());
            }
            return out;
        }
        throw new OpenAiRequestException("stop", "stop must be a string or up to 4 strings.");
    }

    private static String text(JsonNode body, String name, boolean required) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw new OpenAiRequestException(name, name + " is required.");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new OpenAiRequestException(name, name + " must be a string.");
        }
        return node.asText();
    }

    private static Boolean bool(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new OpenAiRequestException(name, name + " must be a boolean.");
        }
        return node.asBoolean();
    }

    private static Integer integer(JsonNode body, String name, long min, long max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new OpenAiRequestException(name, name + " must be an integer"
                    + (min > Integer.MIN_VALUE ? " of at least " + min : "") + ".");
        }
        return node.asInt();
    }

    private static Double number(JsonNode body, String name, double min, double max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw new OpenAiRequestException(name, name + " must be a number from " + min + " to " + max + ".");
        }
        return node.asDouble();
    }
}
