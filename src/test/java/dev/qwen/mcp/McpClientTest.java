package dev.qwen.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.support.NodeProject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The official MCP TypeScript SDK, installed from npm, as an MCP client of /mcp over real HTTP, the emulator serving
 * the model: it initialises, lists the tools with their schemas and calls each. The SDK checks every answer against
 * the protocol's types and each {@code structuredContent} against the tool's output schema, so an answer that did not
 * fit would fail inside it.
 */
@QuarkusTest
@TestProfile(McpKeys.class)
class McpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static NodeProject sdk;

    @BeforeAll
    static void install() throws Exception {
        sdk = NodeProject.install("mcp-client", "mcp-client", List.of("client.mjs"));
    }

    private static String url() {
        return "http://localhost:" + RestAssured.port + "/mcp";
    }

    /** Each call's result as the SDK returned it, after initialize and tools/list. */
    private static JsonNode call(String customer, String calls) throws Exception {
        JsonNode seen = sdk.json("client.mjs", "calls", url(), McpKeys.CLIENT, customer, calls);
        assertFalse(seen.has("connectError"), seen.toString());
        for (JsonNode result : seen.path("results")) {
            assertFalse(result.has("thrown"), "the SDK rejected an answer: " + seen);
        }
        return seen.path("results");
    }

    /** A successful result's data, checked to be the same JSON as its text content. */
    private static JsonNode data(JsonNode result) throws Exception {
        assertFalse(result.path("isError").asBoolean(false), result.toString());
        assertEquals("text", result.path("content").path(0).path("type").asText(), result.toString());
        assertEquals(result.path("structuredContent"), JSON.readTree(result.path("content").path(0).path("text")
                .asText()), "the text content is the structured content's JSON");
        return result.path("structuredContent");
    }

    /** A failed result's problem: text content only, no structuredContent. */
    private static JsonNode problem(JsonNode result) throws Exception {
        assertTrue(result.path("isError").asBoolean(), result.toString());
        assertTrue(result.path("structuredContent").isMissingNode(), result.toString());
        return JSON.readTree(result.path("content").path(0).path("text").asText());
    }

    @Test
    void initializesAndListsTheSevenToolsWithTheirSchemas() throws Exception {
        JsonNode seen = sdk.json("client.mjs", "tools", url(), McpKeys.CLIENT);
        assertFalse(seen.has("connectError"), seen.toString());
        assertTrue(Set.of("2025-06-18", "2025-11-25").contains(seen.path("protocolVersion").asText()), seen.toString());
        assertEquals("qwen-service", seen.path("server").path("name").asText());
        Set<String> names = new TreeSet<>();
        seen.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
        assertEquals(new TreeSet<>(Set.of("getOrder", "trackShipment", "checkStock", "requestRefund", "triageMessage",
                "extractInvoice", "reviewOrders")), names);

        JsonNode getOrder = tool(seen, "getOrder");
        assertEquals("object", getOrder.path("inputSchema").path("type").asText());
        assertEquals("[\"orderId\"]", getOrder.path("inputSchema").path("required").toString());
        assertEquals("string", getOrder.path("inputSchema").path("properties").path("orderId").path("type").asText());
        assertTrue(getOrder.path("outputSchema").path("properties").has("refunded"), getOrder.toString());
        assertTrue(getOrder.path("annotations").path("readOnlyHint").asBoolean(), getOrder.toString());

        JsonNode refund = tool(seen, "requestRefund").path("inputSchema");
        assertEquals("number", refund.path("properties").path("amount").path("type").asText(), refund.toString());
        assertEquals(Set.of("orderId", "amount", "reason"), strings(refund.path("required")));
        JsonNode review = tool(seen, "reviewOrders").path("inputSchema");
        assertEquals("array", review.path("properties").path("orderIds").path("type").asText(), review.toString());
        assertEquals(Set.of("orderIds"), strings(review.path("required")), "the question is optional");
        assertEquals(Set.of("text"), strings(tool(seen, "triageMessage").path("inputSchema").path("required")));
    }

    @Test
    void everyToolAnswersThroughTheSdk() throws Exception {
        String invoice = "Vendor: ACME GmbH\\nInvoice number: INV-2026-001\\nDate: 02.11.2026\\n"
                + "2 x USB-C Hub @ 39.90 = 79.80\\n1 x Cable @ 9.90 = 9.90\\nSubtotal: 89.70\\nVAT 19%: 17.04\\n"
                + "Total: 106.74 EUR";
        JsonNode results = call("-", "["
                + "{\"name\":\"getOrder\",\"arguments\":{\"orderId\":\"A1001\"}},"
                + "{\"name\":\"trackShipment\",\"arguments\":{\"orderId\":\"A1001\"}},"
                + "{\"name\":\"checkStock\",\"arguments\":{\"sku\":\"HUB-7\"}},"
                + "{\"name\":\"requestRefund\",\"arguments\":{\"orderId\":\"A1005\",\"amount\":5.5,\"reason\":\"scratched\"}},"
                + "{\"name\":\"triageMessage\",\"arguments\":{\"text\":\"My order A1002 arrived broken and I want a refund.\"}},"
                + "{\"name\":\"extractInvoice\",\"arguments\":{\"text\":\"" + invoice + "\"}},"
                + "{\"name\":\"reviewOrders\",\"arguments\":{\"orderIds\":[\"A1001\",\"X9999\"]}}]");

        JsonNode order = data(results.get(0));
        assertEquals("SHIPPED", order.path("status").asText());
        assertEquals("C-100", order.path("customerId").asText());
        assertEquals("HUB-7", order.path("items").path(0).path("sku").asText());
        assertEquals("DHL", data(results.get(1)).path("carrier").asText());
        assertTrue(data(results.get(2)).path("total").asInt() > 0, results.get(2).toString());

        JsonNode refund = data(results.get(3));
        assertEquals("PENDING", refund.path("status").asText(), refund.toString());
        assertEquals(5.5, refund.path("amount").asDouble());
        assertTrue(refund.path("refundId").asText().startsWith("R-"), refund.toString());

        JsonNode triage = data(results.get(4));
        assertEquals("REFUND", triage.path("category").asText(), triage.toString());
        assertEquals("[\"A1002\"]", triage.path("orderIds").toString());

        JsonNode extracted = data(results.get(5));
        assertEquals("INV-2026-001", extracted.path("invoiceNumber").asText(), extracted.toString());
        assertEquals(106.74, extracted.path("total").asDouble());

        JsonNode review = data(results.get(6));
        assertEquals(List.of("A1001", "X9999"), review.path("orders").findValuesAsText("orderId"));
        assertEquals("NOT_FOUND", review.path("orders").path(1).path("status").asText(), review.toString());
    }

    @Test
    void aBadKeyIsRefusedWithTheApisUnauthorizedProblem() throws Exception {
        JsonNode seen = sdk.json("client.mjs", "tools", url(), "sk-not-a-key");
        assertEquals(401, seen.path("connectError").path("code").asInt(), seen.toString());
        assertTrue(seen.path("connectError").path("message").asText().contains("\"code\":\"unauthorized\""),
                seen.toString());
    }

    @Test
    void aCustomerSeesTheirOwnOrdersOnly() throws Exception {
        JsonNode results = call("C-100", "["
                + "{\"name\":\"getOrder\",\"arguments\":{\"orderId\":\"A1002\"}},"
                + "{\"name\":\"getOrder\",\"arguments\":{\"orderId\":\"A1001\"}},"
                + "{\"name\":\"requestRefund\",\"arguments\":{\"orderId\":\"A1002\",\"amount\":1,\"reason\":\"late\"}}]");
        JsonNode other = data(results.get(0));
        assertEquals("NOT_FOUND", other.path("status").asText(), other.toString());
        assertFalse(other.has("customerId"), "nothing of another customer's order shows: " + other);
        assertEquals("SHIPPED", data(results.get(1)).path("status").asText());
        JsonNode refund = data(results.get(2));
        assertEquals("REJECTED", refund.path("status").asText());
        assertEquals("order not found", refund.path("reason").asText());
    }

    @Test
    void aFailingToolIsAnErrorResultWithTheProblemsCodeAndDetail() throws Exception {
        JsonNode results = call("-", "[{\"name\":\"triageMessage\",\"arguments\":{\"text\":\"\"}}]");
        JsonNode problem = problem(results.get(0));
        assertEquals("invalid_request", problem.path("code").asText(), problem.toString());
        assertTrue(problem.path("detail").asText().startsWith("text:"), problem.toString());

        JsonNode badCustomer = problem(call("no such customer!",
                "[{\"name\":\"getOrder\",\"arguments\":{\"orderId\":\"A1001\"}}]").get(0));
        assertEquals("invalid_request", badCustomer.path("code").asText());
        assertTrue(badCustomer.path("detail").asText().startsWith("X-Customer-Id:"), badCustomer.toString());
    }

    private static JsonNode tool(JsonNode seen, String name) {
        for (JsonNode tool : seen.path("tools")) {
            if (name.equals(tool.path("name").asText())) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + ": " + seen);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
