package dev.qwen.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.qwen.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * /mcp as the transport and JSON-RPC define it, over real HTTP with raw messages: each malformed message gets the
 * protocol's error code (and an answer: a hung request fails the test), with nothing at ERROR in the log; the HTTP
 * layer refuses what the API refuses, with the same problems; a session is not bound to the replica that began it.
 */
@QuarkusTest
@TestProfile(McpKeys.class)
class McpProtocolTest {

    /** A message, the HTTP status it is answered with, and the JSON-RPC error code. */
    record Malformed(String body, int status, int code, Object id) {
    }

    @Test
    void eachMalformedMessageGetsTheProtocolsErrorAndNothingIsLoggedAsAnError() {
        List<Malformed> messages = List.of(
                new Malformed("this is not JSON", 400, -32700, null),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":1,", 400, -32700, null),
                new Malformed("", 400, -32700, null),
                new Malformed("null", 400, -32600, null),
                new Malformed("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", 400, -32600, null),
                new Malformed("{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"ping\"}", 400, -32600, 2),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}", 400, -32600, null),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":42}", 400, -32600, 3),
                new Malformed("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\"}", 400, -32600, null),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"orders/delete\"}", 200, -32601, 4),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}", 200, -32602, 5),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":\"six\",\"method\":\"tools/call\",\"params\":[1]}",
                        200, -32602, "six"),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"getOrder\","
                        + "\"arguments\":\"A1001\"}}", 200, -32602, 7),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"cancelOrder\","
                        + "\"arguments\":{}}}", 200, -32602, 8),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"getOrder\","
                        + "\"arguments\":{}}}", 200, -32602, 9),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"getOrder\","
                        + "\"arguments\":{\"orderId\":1001}}}", 200, -32602, 10),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/list\",\"params\":{\"cursor\":5}}",
                        200, -32602, 11),
                new Malformed("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"initialize\",\"params\":{}}", 200, -32602, 12));
        try (LogCapture logs = LogCapture.install()) {
            for (Malformed message : messages) {
                Response answer = McpWire.send(McpKeys.CLIENT, message.body());
                assertEquals(message.status(), answer.statusCode(), message.body() + " -> " + answer.asString());
                answer.then().contentType("application/json").body("jsonrpc", is("2.0"))
                        .body("error.code", is(message.code())).body("result", nullValue());
                assertEquals(message.id(), answer.jsonPath().get("id"), message.body());
            }
            assertEquals(List.of(), logs.errors());
            assertFalse(logs.all().contains("Exception"), "no class names or traces: " + logs.all());
        }
    }

    @Test
    void anUnknownNotificationIsAcceptedAndIgnored() {
        McpWire.send(McpKeys.CLIENT, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}").then()
                .statusCode(202);
    }

    @Test
    void withoutAValidKeyTheAnswerIsTheApisUnauthorizedProblem() {
        for (String key : new String[] {"sk-mcp-client-5e1d7X", ""}) {
            McpWire.send(key, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .header("X-Request-Id", notNullValue())
                    .body("code", is("unauthorized"))
                    .body("status", is(401));
        }
    }

    @Test
    void onlyAPostOfJsonToMcpItselfIsServed() {
        given().auth().oauth2(McpKeys.CLIENT).accept("text/event-stream").get("/mcp").then()
                .statusCode(405).header("Allow", "POST").contentType("application/problem+json")
                .body("code", is("method_not_allowed"));
        given().auth().oauth2(McpKeys.CLIENT).header("Mcp-Session-Id", "any").delete("/mcp").then()
                .statusCode(405).body("code", is("method_not_allowed"));
        given().auth().oauth2(McpKeys.CLIENT).get("/mcp/sse").then().statusCode(404).body("code", is("not_found"));
        given().auth().oauth2(McpKeys.CLIENT).contentType("application/json").accept("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then()
                .statusCode(406).contentType("application/problem+json").body("code", is("not_acceptable"));
        given().auth().oauth2(McpKeys.CLIENT).contentType("text/plain").accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then()
                .statusCode(415).body("code", is("unsupported_media_type"));
        McpWire.post(McpKeys.CLIENT).header("Origin", "http://rebound.example")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then()
                .statusCode(403).body("code", is("forbidden"));
    }

    @Test
    void aSessionIsServedByAReplicaThatNeverSawItBegin() {
        Response initialized = McpWire.send(McpKeys.CLIENT, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        initialized.then().statusCode(200).body("result.protocolVersion", is("2025-06-18"))
                .header("Mcp-Session-Id", notNullValue());
        // Another replica's session id: this one does not know it, and serves the call all the same.
        for (String session : new String[] {initialized.header("Mcp-Session-Id"), "begun-on-another-replica"}) {
            Response call = McpWire.callTool(McpWire.post(McpKeys.CLIENT).header("Mcp-Session-Id", session),
                    "checkStock", "{\"sku\":\"HUB-7\"}");
            call.then().statusCode(200).body("result.isError", is(false))
                    .body("result.structuredContent.sku", is("HUB-7"));
        }
    }

    @Test
    void anOversizedMessageIsRefusedAsTheApiRefusesOne() {
        String text = "x".repeat(300 * 1024);
        Response answer = McpWire.callTool(McpWire.post(McpKeys.CLIENT), "triageMessage",
                "{\"text\":\"" + text + "\"}");
        answer.then().statusCode(413).contentType("application/problem+json").body("code", is("payload_too_large"));
    }
}
