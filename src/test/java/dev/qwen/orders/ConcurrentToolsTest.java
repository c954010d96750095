package dev.qwen.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static dev.qwen.support.Upstream.toolCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The tool calls of one model reply run concurrently (LangChain4j's loop with its concurrent executor, not
 * Quarkus' sequential one). Each of three tool calls waits at a barrier for the other two: run one after
 * another, the first would time out at the barrier and answer RAN_ALONE.
 */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class ConcurrentToolsTest extends WireTest {

    @Test
    void toolCallsOfOneReplyOverlapAndAreAnsweredInTheOrderAsked() {
        CyclicBarrier allThreeRunning = new CyclicBarrier(3);
        QuarkusMock.installMockForType(new OrderTools(new OrderCatalog(new ObjectMapper()), new InMemoryRefundLedger(java.time.Duration.ofHours(24))) {
            @Override
            public ShipmentView trackShipment(String orderId, dev.langchain4j.invocation.InvocationParameters invocation) {
                try {
                    allThreeRunning.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    return new ShipmentView(orderId, null, null, "RAN_ALONE", null);
                }
                return super.trackShipment(orderId, invocation);
            }
        }, OrderTools.class);
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("tools").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(toolCalls("trackShipment", "{\"orderId\":\"A1001\"}", "trackShipment",
                        "{\"orderId\":\"A1002\"}", "trackShipment", "{\"orderId\":\"A1005\"}"))
                .willSetStateTo("answered"));
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("tools").whenScenarioStateIs("answered")
                .willReturn(aimlapiReply("All three are on their way or delivered.", "")));

        given().contentType("application/json").body("{\"message\":\"Where are A1001, A1002 and A1005?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200)
                .body("toolCalls.id", is(List.of("call_1", "call_2", "call_3")))
                .body("toolCalls.result.orderId", is(List.of("A1001", "A1002", "A1005")))
                .body("toolCalls.result.status", is(List.of("IN_TRANSIT", "DELIVERED", "DELIVERED")));

        List<JsonNode> results = messages(body(requests(wire).get(1)), "tool");
        assertEquals(List.of("call_1", "call_2", "call_3"),
                results.stream().map(t -> t.path("tool_call_id").asText()).toList());
        results.forEach(t -> assertTrue(!t.path("content").asText().contains("RAN_ALONE"), t.toString()));
    }
}
