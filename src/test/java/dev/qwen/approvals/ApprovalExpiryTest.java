package dev.qwen.approvals;

import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.Profiles;
import dev.qwen.support.Profiles.Approvals;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An approval nobody decides expires: it can no longer be decided, and the next turn tells the model. */
@QuarkusTest
@TestProfile(Profiles.ShortApprovals.class)
class ApprovalExpiryTest extends WireTest {

    @Test
    void anExpiredApprovalIsNotFoundAndTheNextTurnTellsTheModel() {
        script(toolCalls("requestRefund", "{\"orderId\":\"A1002\",\"amount\":150,\"reason\":\"broken\"}"),
                aimlapiReply("The refund could not be approved in time.", ""));
        String id = given().auth().oauth2(Approvals.TEAM_A).contentType("application/json")
                .body("{\"sessionId\":\"exp-1\",\"message\":\"Refund 150 on A1002\"}").post("/api/v1/assistant/chat")
                .then().statusCode(200).body("status", is("approval_required")).extract().path("approvals[0].id");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .auth().oauth2(Approvals.OPS).get("/api/v1/approvals").then().extract().jsonPath()
                .getList("approvals").isEmpty());
        given().auth().oauth2(Approvals.OPS).contentType("application/json").body("{\"decision\":\"approve\"}")
                .post("/api/v1/approvals/" + id).then().statusCode(404).body("code", is("approval_not_found"));

        given().auth().oauth2(Approvals.TEAM_A).contentType("application/json")
                .body("{\"sessionId\":\"exp-1\",\"message\":\"And my refund?\"}").post("/api/v1/assistant/chat").then()
                .statusCode(200).body("status", is("completed"));
        JsonNode told = messages(body(requests(wire).get(1)), "tool").getLast();
        assertTrue(told.path("content").asText().contains("expired"), told.toString());
    }
}
