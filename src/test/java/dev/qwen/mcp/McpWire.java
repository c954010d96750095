package dev.qwen.mcp;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Raw MCP messages over HTTP, as a client that writes its own JSON-RPC sends them. */
final class McpWire {

    /** A request the service never answers fails the test instead of hanging it. */
    private static final RestAssuredConfig ANSWERED = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 30_000));

    private McpWire() {
    }

    /** A POST to /mcp with the headers the transport asks for. */
    static RequestSpecification post(String key) {
        return given().config(ANSWERED).auth().oauth2(key).contentType("application/json")
                .accept("application/json, text/event-stream");
    }

    static Response send(String key, String body) {
        return post(key).body(body).post("/mcp");
    }

    /** A tools/call without initialize: any replica serves it, as one that did not see the session's start. */
    static Response callTool(RequestSpecification request, String tool, String arguments) {
        return request.body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}").post("/mcp");
    }
}
