package dev.qwen.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Replies in the shapes the servers that host Qwen3 (vLLM, SGLang) really send, beside the documented ones
 * of {@link Upstream}: reasoning under {@code reasoning}, answers misrouted into the reasoning field, tool calls
 * left in content as Qwen3's {@code <tool_call>} markup, extra calls despite {@code parallel_tool_calls: false}.
 */
public final class ServerShapes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerShapes() {
    }

    /** A non-streamed reply whose message has exactly {@code fields} (plus the role), finishing with {@code finish}. */
    public static ResponseDefinitionBuilder message(ObjectNode fields, String finish) {
        ObjectNode body = head("chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", finish);
        choice.putNull("stop_reason");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.setAll(fields);
        body.putObject("usage").put("prompt_tokens", 40).put("completion_tokens", 12).put("total_tokens", 52);
        body.putNull("prompt_logprobs");
        body.putNull("kv_transfer_params");
        return json(body);
    }

    /** Message fields, as pairs of name and value (a null value is a JSON null). */
    public static ObjectNode fields(Object... nameValue) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < nameValue.length; i += 2) {
            node.set((String) nameValue[i], JSON.valueToTree(nameValue[i + 1]));
        }
        return node;
    }

    /** A tool call as OpenAI writes one, with its arguments as a JSON string. */
    public static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = JSON.createObjectNode().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /** Qwen3's hermes markup for one call, as a server whose tool parser did not fire leaves it in content. */
    public static String markup(String name, String argumentsJson) {
        return "<tool_call>\n{\"name\": \"" + name + "\", \"arguments\": " + argumentsJson + "}\n</tool_call>";
    }

    /**
     * A streamed reply: one chunk per delta (each a JSON object, given as text), then a chunk with
     * {@code finish}, a usage chunk and {@code [DONE]}.
     */
    public static ResponseDefinitionBuilder stream(String finish, List<String> deltas) {
        StringBuilder sse = new StringBuilder();
        for (String delta : deltas) {
            sse.append(chunk(delta, null));
        }
        sse.append(chunk("{}", finish));
        sse.append("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":40,\"total_tokens\":53,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":20}}}\n\n");
        sse.append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(sse.toString());
    }

    /** Content deltas of {@code text} cut every {@code size} characters, each carrying {@code "tool_calls": []} as vLLM does. */
    public static List<String> contentPieces(String text, int size) {
        List<String> deltas = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            deltas.add("{\"content\":" + quote(text.substring(i, Math.min(text.length(), i + size)))
                    + ",\"tool_calls\":[]}");
        }
        return deltas;
    }

    /** A delta with one field set to {@code text}. */
    public static String delta(String field, String text) {
        return "{\"" + field + "\":" + quote(text) + "}";
    }

    public static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    public static ArrayNode array(Object... items) {
        ArrayNode array = JSON.createArrayNode();
        for (Object item : items) {
            array.add(JSON.valueToTree(item));
        }
        return array;
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : quote(finish)) + "}],\"usage\":null}\n\n";
    }

    private static ObjectNode head(String object) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-field").put("object", object).put("created", 1770613777).put("model", "qwen3-32b");
        return body;
    }

    private static ResponseDefinitionBuilder json(ObjectNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
