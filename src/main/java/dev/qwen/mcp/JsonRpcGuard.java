package dev.qwen.mcp;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.qwen.api.McpDoor;
import dev.qwen.api.RequestOrder;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ToolManager;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a malformed MCP message with the protocol's JSON-RPC error before the extension sees it. The extension (1.10)
 * logs a stack trace for a body that is not JSON, reads members of the wrong type unchecked (a {@code tools/call}
 * without params, or a cursor that is not a string, then fails on its event loop and is never answered), and its
 * metrics fail on a method it does not know (and would keep a series per unknown tool name a client sends). What
 * passes is one JSON-RPC message, of a method and a tool that exist, whose params the extension reads have the types
 * it expects; arguments that do not fit the tool's input schema are the extension's to refuse ({@code -32602}), and it
 * does.
 *
 * <p>
 * A body that cannot be taken ({@code -32700}, {@code -32600}) is answered {@code 400}, as the Streamable HTTP
 * transport says; a request for a method or tool that does not exist, or with unusable params ({@code -32601},
 * {@code -32602}), gets its error as the answer to that request, so that a client hands it to the caller that asked.
 * An unknown notification is accepted and ignored, as JSON-RPC has it.
 */
@Singleton
class JsonRpcGuard {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;

    /** The params members the extension reads of any method, with the JSON type it reads them as. */
    private static final Map<String, Class<?>> ANY_PARAMS = Map.of("_meta", JsonObject.class, "cursor", String.class);
    /** The same, by method. */
    private static final Map<String, Map<String, Class<?>>> PARAMS = Map.of(
            "initialize", Map.of("protocolVersion", String.class, "clientInfo", JsonObject.class,
                    "capabilities", JsonObject.class),
            "tools/call", Map.of("name", String.class, "arguments", JsonObject.class),
            "notifications/cancelled", Map.of("reason", String.class));
    /** The members of those that must be there. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "initialize", List.of("protocolVersion", "clientInfo", "capabilities"),
            "tools/call", List.of("name"));

    private final ToolManager tools;

    JsonRpcGuard(ToolManager tools) {
        this.tools = tools;
    }

    void register(@Observes Router router) {
        router.post(McpDoor.PATH).order(RequestOrder.MCP_MESSAGE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        Object json;
        try {
            json = body == null ? Json.decodeValue("") : Json.decodeValue(body);
        } catch (DecodeException malformed) {
            refuse(ctx, null, PARSE_ERROR, "Parse error: the body is not JSON");
            return;
        }
        if (!(json instanceof JsonObject message)) {
            // MCP 2025-06-18 dropped JSON-RPC batches: a body is one message.
            refuse(ctx, null, INVALID_REQUEST, "Invalid Request: the body must be one JSON-RPC message (an object)");
            return;
        }
        Object id = message.getValue("id");
        if (id != null && !(id instanceof String) && !(id instanceof Number)) {
            refuse(ctx, null, INVALID_REQUEST, "Invalid Request: id must be a string or a number");
            return;
        }
        String problem = invalidRequest(message, id);
        if (problem != null) {
            refuse(ctx, id, INVALID_REQUEST, "Invalid Request: " + problem);
            return;
        }
        if (!message.containsKey("method")) {
            ctx.next(); // a response to a request of the server's
            return;
        }
        String method = message.getString("method");
        if (McpMethod.from(method) == null) {
            if (id == null) {
                ctx.response().setStatusCode(202).end();
            } else {
                answer(ctx, id, METHOD_NOT_FOUND, "Method not found");
            }
            return;
        }
        problem = invalidParams(method, message.getValue("params"));
        if (problem != null) {
            answer(ctx, id, INVALID_PARAMS, "Invalid params: " + problem);
            return;
        }
        ctx.next();
    }

    /** What makes the message no JSON-RPC request, notification or response; null when it is one. */
    private static String invalidRequest(JsonObject message, Object id) {
        if (!"2.0".equals(message.getValue("jsonrpc"))) {
            return "jsonrpc must be \"2.0\"";
        }
        boolean response = message.containsKey("result") || message.containsKey("error");
        if (response) {
            return id == null ? "a response needs the id of its request" : null;
        }
        if (!(message.getValue("method") instanceof String method)) {
            return "method must be a string";
        }
        if (id == null && !method.startsWith("notifications/")) {
            return "a request needs an id";
        }
        return null;
    }

    /** What is wrong with a method's params, as the extension reads them; null when nothing is. */
    private String invalidParams(String method, Object params) {
        if (params == null) {
            return REQUIRED.containsKey(method) ? "params are required" : null;
        }
        if (!(params instanceof JsonObject members)) {
            return "params must be an object";
        }
        for (String required : REQUIRED.getOrDefault(method, List.of())) {
            if (members.getValue(required) == null) {
                return required + " is required";
            }
        }
        String mistyped = mistyped(members, ANY_PARAMS);
        if (mistyped == null) {
            mistyped = mistyped(members, PARAMS.getOrDefault(method, Map.of()));
        }
        if (mistyped != null) {
            return mistyped;
        }
        if ("tools/call".equals(method) && tools.getTool(members.getString("name")) == null) {
            return "no tool named " + members.getString("name");
        }
        if ("initialize".equals(method)) {
            JsonObject client = members.getJsonObject("clientInfo");
            if (!(client.getValue("name") instanceof String) || !(client.getValue("version") instanceof String)) {
                return "clientInfo needs a name and a version (strings)";
            }
        }
        return null;
    }

    private static String mistyped(JsonObject members, Map<String, Class<?>> types) {
        for (Map.Entry<String, Class<?>> member : types.entrySet()) {
            Object value = members.getValue(member.getKey());
            if (value != null && !member.getValue().isInstance(value)) {
                return member.getKey() + " must be " + (member.getValue() == String.class ? "a string" : "an object");
            }
        }
        return null;
    }

    /** A body the transport cannot take: 400, with the error. */
    private static void refuse(RoutingContext ctx, Object id, int code, String message) {
        ctx.response().setStatusCode(400);
        answer(ctx, id, code, message);
    }

    private static void answer(RoutingContext ctx, Object id, int code, String message) {
        JsonObject error = new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", code).put("message", message));
        ctx.response().putHeader("Content-Type", "application/json").end(error.toBuffer());
    }
}
