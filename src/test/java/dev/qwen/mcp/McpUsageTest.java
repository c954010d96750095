package dev.qwen.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A model call made for an MCP tool counts for the calling key as the API's do: usage, tokens, metrics. */
@QuarkusTest
@TestProfile(McpKeys.class)
class McpUsageTest {

    @Test
    void anMcpTriageIsCountedForItsKeyAndMetredUnderMcp() {
        Response before = given().auth().oauth2(McpKeys.METERED).get("/api/v1/usage");
        before.then().statusCode(200).body("key", is("metered"));

        McpWire.callTool(McpWire.post(McpKeys.METERED), "triageMessage", "{\"text\":\"Where is my order A1001?\"}")
                .then().statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("result.isError", is(false))
                .body("result.structuredContent.orderIds[0]", is("A1001"));

        Response after = given().auth().oauth2(McpKeys.METERED).get("/api/v1/usage");
        after.then().statusCode(200);
        assertEquals(before.<Integer> path("requests") + 2, after.<Integer> path("requests"),
                "the MCP call and this read are counted");
        assertTrue(after.<Integer> path("promptTokens") > before.<Integer> path("promptTokens"), after.asString());
        assertTrue(after.<Integer> path("completionTokens") > before.<Integer> path("completionTokens"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("qwen_tokens_total{")
                && line.contains("endpoint=\"/mcp\"") && line.contains("key=\"metered\"")
                && line.contains("type=\"prompt\"") && !line.endsWith(" 0.0")), metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("qwen_tool_executions_total{")
                && line.contains("tool=\"triageMessage\"") && line.contains("outcome=\"ok\"")), metrics);
        assertTrue(!metrics.contains(McpKeys.METERED), "no key in the metrics");
    }
}
