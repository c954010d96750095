package dev.qwen.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/**
 * The calls of one turn run concurrently. Each of three tools waits at a barrier for the other two:
 * run one after another, the first would time out at the barrier and report failure. (A Quarkus test:
 * langchain4j's JSON codec is the one quarkus-langchain4j installs.)
 */
@io.quarkus.test.junit.QuarkusTest
class ToolRunnerTest {

    @Test
    void toolCallsOfOneTurnOverlapAndAnswerInTheOrderAsked() {
        CyclicBarrier allThreeRunning = new CyclicBarrier(3);
        OrderTools meetingTools = new OrderTools(new OrderCatalog(new ObjectMapper()), new InMemoryRefundLedger()) {
            @Override
            public ShipmentView trackShipment(String orderId) {
                try {
                    allThreeRunning.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    return new ShipmentView(orderId, null, null, "RAN_ALONE", null);
                }
                return super.trackShipment(orderId);
            }
        };
        ToolRunner runner = new ToolRunner(meetingTools, new ObjectMapper());

        List<ToolRunner.Outcome> outcomes = runner.runAll(List.of(
                request("c1", "A1001"), request("c2", "A1002"), request("c3", "A1005")));

        assertEquals(List.of("c1", "c2", "c3"), outcomes.stream().map(o -> o.request().id()).toList());
        assertEquals(List.of("A1001", "A1002", "A1005"),
                outcomes.stream().map(o -> o.result().path("orderId").asText()).toList());
        outcomes.forEach(o -> assertFalse(o.failed()));
        outcomes.forEach(o -> assertEquals("DELIVERED".equals(o.result().path("status").asText())
                || "IN_TRANSIT".equals(o.result().path("status").asText()), true, o.result().toString()));
    }

    private static ToolExecutionRequest request(String id, String orderId) {
        return ToolExecutionRequest.builder().id(id).name("trackShipment")
                .arguments("{\"orderId\":\"" + orderId + "\"}").build();
    }
}
