package dev.qwen.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.qwen.orders.RefundLedger;
import dev.qwen.support.Profiles;
import dev.qwen.support.Profiles.Approvals;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A refund an MCP client asks for above the threshold is not made: it answers APPROVAL_REQUIRED with the
 * approval's id, waits in the approvals of the calling key, and runs once when an approver approves it.
 */
@QuarkusTest
@TestProfile(Profiles.Approvals.class)
class McpApprovalsTest {

    @Inject
    RefundLedger ledger;

    @Test
    void aRefundAboveTheThresholdWaitsForAnApproverAndThenRunsOnce() {
        BigDecimal before = ledger.refunded("A1002");
        String id = McpWire.callTool(McpWire.post(Approvals.TEAM_A), "requestRefund",
                "{\"orderId\":\"A1002\",\"amount\":120,\"reason\":\"arrived broken\"}").then().statusCode(200)
                .body("result.isError", is(false))
                .body("result.structuredContent.status", is("APPROVAL_REQUIRED"))
                .body("result.structuredContent.approvalId", startsWith("apr_"))
                .extract().path("result.structuredContent.approvalId");
        assertEquals(0, before.compareTo(ledger.refunded("A1002")), "nothing refunded yet");

        given().auth().oauth2(Approvals.TEAM_A).get("/api/v1/approvals").then().statusCode(200)
                .body("approvals.id", hasItem(id))
                .body("approvals.find { it.id == '" + id + "' }.sessionId", nullValue())
                .body("approvals.find { it.id == '" + id + "' }.toolCall.arguments.amount", is(120.0f));
        given().auth().oauth2(Approvals.TEAM_B).get("/api/v1/approvals").then().body("approvals.id", not(hasItem(id)));

        given().auth().oauth2(Approvals.OPS).contentType("application/json").body("{\"decision\":\"approve\"}")
                .post("/api/v1/approvals/" + id).then().statusCode(200)
                .body("status", is("completed"))
                .body("toolCalls[0].name", is("requestRefund"))
                .body("toolCalls[0].result.status", is("PENDING"));
        given().auth().oauth2(Approvals.OPS).contentType("application/json").body("{\"decision\":\"approve\"}")
                .post("/api/v1/approvals/" + id).then().statusCode(409).body("code", is("approval_decided"));
        assertEquals(0, before.add(new BigDecimal("120")).compareTo(ledger.refunded("A1002")), "refunded once");

        // Within the threshold it runs at once, as it always did.
        McpWire.callTool(McpWire.post(Approvals.TEAM_A), "requestRefund",
                "{\"orderId\":\"A1002\",\"amount\":20,\"reason\":\"late\"}").then().statusCode(200)
                .body("result.structuredContent.status", is("PENDING"));
    }
}
