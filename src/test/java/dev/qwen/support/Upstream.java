package dev.qwen.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/** Builds provider-shaped replies and reads back what the service sent. */
public final class Upstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Upstream() {
    }

    /** An AI/ML API style completion: content plus reasoning_content and reasoning-token usage. */
    public static ResponseDefinitionBuilder aimlapiReply(String content, String reasoning) {
        ObjectNode body = completion(content);
        ((ObjectNode) body.path("choices").get(0).path("message")).put("reasoning_content", reasoning);
        ((ObjectNode) body.path("usage")).putObject("completion_tokens_details").put("reasoning_tokens", 7);
        return json(body);
    }

    /** A TIR (vLLM) style completion: everything in content, extra fields the client must ignore. */
    public static ResponseDefinitionBuilder tirReply(String content) {
        ObjectNode body = completion(content);
        body.putNull("prompt_logprobs");
        body.putNull("kv_transfer_params");
        ((ObjectNode) body.path("choices").get(0)).putNull("stop_reason");
        return json(body);
    }

    public static ResponseDefinitionBuilder aimlapiError(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message).put("path", "/v1/chat/completions").put("requestId", "r-1")
                .put("statusCode", status).put("timestamp", "2026-11-22T10:00:00Z");
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    private static ObjectNode completion(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1770613777)
                .put("model", "qwen3-32b");
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 50).put("completion_tokens", 20).put("total_tokens", 70);
        return body;
    }

    private static ResponseDefinitionBuilder json(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** Every request the fake provider received, oldest first. */
    public static List<LoggedRequest> requests(WireMockServer server) {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    public static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError("upstream body is not JSON: " + request.getBodyAsString(), e);
        }
    }

    public static String lastUserText(JsonNode body) {
        String text = null;
        for (JsonNode m : body.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                text = m.path("content").asText();
            }
        }
        return text;
    }

    /** An assistant message that asks for tools: pairs of (name, arguments JSON); ids are call_1, call_2, … */
    public static ResponseDefinitionBuilder toolCalls(String... nameAndArguments) {
        ObjectNode body = completion(null);
        ObjectNode choice = (ObjectNode) body.path("choices").get(0);
        choice.put("finish_reason", "tool_calls");
        ObjectNode message = (ObjectNode) choice.path("message");
        message.putNull("content");
        message.put("reasoning_content", "");
        ArrayNode calls = message.putArray("tool_calls");
        for (int i = 0; i < nameAndArguments.length; i += 2) {
            ObjectNode call = calls.addObject();
            call.put("id", "call_" + (i / 2 + 1)).put("type", "function");
            call.putObject("function").put("name", nameAndArguments[i]).put("arguments", nameAndArguments[i + 1]);
        }
        ((ObjectNode) body.path("usage")).putObject("completion_tokens_details").put("reasoning_tokens", 7);
        return json(body);
    }

    /** A streamed AI/ML API answer: reasoning_content deltas, then content deltas, then a usage chunk. */
    public static ResponseDefinitionBuilder aimlapiStream(String reasoning, String answer) {
        StringBuilder sse = new StringBuilder();
        for (String piece : reasoning.split("(?<= )")) {
            sse.append(chunk("{\"content\":null,\"reasoning_content\":" + quote(piece) + "}"));
        }
        for (String piece : answer.split("(?<= )")) {
            sse.append(chunk("{\"content\":" + quote(piece) + ",\"reasoning_content\":null}"));
        }
        sse.append(finish());
        sse.append("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":90,\"total_tokens\":103,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":82}}}\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(sse.toString());
    }

    /** A streamed TIR answer: everything in content, reasoning inside a think block, then [DONE]. */
    public static ResponseDefinitionBuilder tirStream(String content) {
        StringBuilder sse = new StringBuilder();
        for (String piece : content.split("(?<=[ >])")) {
            sse.append(chunk("{\"content\":" + quote(piece) + "}"));
        }
        sse.append(finish());
        sse.append("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3_32b\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":40,\"total_tokens\":53}}\n\n");
        sse.append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(sse.toString());
    }

    /** A stream cut after a few tokens: no finish_reason, no usage, no [DONE]. */
    public static ResponseDefinitionBuilder truncatedStream(String... pieces) {
        StringBuilder sse = new StringBuilder();
        for (String piece : pieces) {
            sse.append(chunk("{\"content\":" + quote(piece) + "}"));
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(sse.toString());
    }

    private static String finish() {
        return "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
    }

    private static String chunk(String delta) {
        return "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}],\"usage\":null}\n\n";
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    /** The messages of an upstream request with the given role, in order. */
    public static List<JsonNode> messages(JsonNode body, String role) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (role.equals(m.path("role").asText())) {
                out.add(m);
            }
        }
        return out;
    }
}
