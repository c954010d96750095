package dev.qwen.mcp;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** With customers required and a per-key request limit: both hold on /mcp as on the API. */
@QuarkusTest
@TestProfile(McpCustomersAndLimitsTest.Strict.class)
class McpCustomersAndLimitsTest {

    static final String SHOP = "sk-shop-2f6a11";
    static final String BURST = "sk-burst-c83e05";

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.api-keys", "shop:" + SHOP + ",burst:" + BURST,
                    "qwen.customers.required", "true",
                    "qwen.limits.requests-per-minute", "4");
        }
    }

    @Test
    void anOrderToolWithoutACustomerIsAnInvalidRequestResult() {
        Response anonymous = McpWire.callTool(McpWire.post(SHOP), "getOrder", "{\"orderId\":\"A1002\"}");
        anonymous.then().statusCode(200).body("result.isError", is(true));
        JsonPath problem = JsonPath.from(anonymous.jsonPath().getString("result.content[0].text"));
        assertEquals("invalid_request", problem.getString("code"));
        assertTrue(problem.getString("detail").startsWith("X-Customer-Id: is required"), problem.prettify());

        McpWire.callTool(McpWire.post(SHOP).header(McpTools.CUSTOMER_HEADER, "C-200"), "getOrder",
                "{\"orderId\":\"A1002\"}").then().statusCode(200)
                .body("result.isError", is(false))
                .body("result.structuredContent.status", is("DELIVERED"));
        // Stock is no customer's: it needs none.
        McpWire.callTool(McpWire.post(SHOP), "checkStock", "{\"sku\":\"HUB-7\"}").then().statusCode(200)
                .body("result.isError", is(false));
    }

    @Test
    void overItsRequestsPerMinuteAKeyIsRefusedAtTheDoorWithRetryAfter() {
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response response = McpWire.send(BURST, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertEquals(200, statuses.get(0));
        assertTrue(refused != null, "never limited: " + statuses);
        refused.then().contentType("application/problem+json").body("code", is("rate_limited"))
                .header("Retry-After", notNullValue()).body("detail", startsWith("This API key is over"));
    }
}
