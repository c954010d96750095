package dev.qwen.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.qwen.triage.TriageAi;
import io.quarkiverse.langchain4j.observability.AiServiceSelector;
import io.quarkus.test.junit.QuarkusTest;

/** Prometheus series and request ids, through the emulator. */
@QuarkusTest
class ObservabilityTest {

    /** A CDI observer of one AI service's events, as an application would write one. */
    @ApplicationScoped
    static class CompletedTriages {
        private final AtomicInteger seen = new AtomicInteger();

        int seen() { // a method, not the field: the test holds a client proxy
            return seen.get();
        }

        void on(@Observes @AiServiceSelector(TriageAi.class) AiServiceCompletedEvent event) {
            seen.incrementAndGet();
        }
    }

    @Inject
    CompletedTriages completed;

    private static double metric(String metrics, String name, String... labels) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                Matcher m = Pattern.compile(" ([0-9.Ee+-]+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return -1;
    }

    @Test
    void tokensLatencyToolsAndCircuitAreExported() {
        given().contentType("application/json").body("{\"text\":\"Where is A1001?\"}").post("/api/v1/triage")
                .then().statusCode(200);
        given().contentType("application/json").body("{\"message\":\"Where is A1001?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertTrue(metric(metrics, "qwen_tokens_total", "endpoint=\"/api/v1/triage\"", "provider=\"aimlapi\"",
                "type=\"prompt\"") > 0, metrics);
        assertTrue(metric(metrics, "qwen_tokens_total", "endpoint=\"/api/v1/assistant/chat\"",
                "type=\"completion\"") > 0);
        assertTrue(metric(metrics, "qwen_tokens_total", "type=\"reasoning\"") >= 0);
        assertTrue(metric(metrics, "qwen_upstream_latency_seconds_count", "provider=\"aimlapi\"", "outcome=\"ok\"") >= 3);
        assertTrue(metric(metrics, "qwen_tool_executions_total", "tool=\"trackShipment\"", "outcome=\"ok\"") >= 1);
        assertTrue(metric(metrics, "qwen_circuit_state", "provider=\"aimlapi\"") == 0);
    }

    @Test
    void everyResponseCarriesARequestId() {
        given().contentType("application/json").header("X-Request-Id", "trace-me-42").body("{\"text\":\"hi\"}")
                .post("/api/v1/triage").then().statusCode(200).header("X-Request-Id", is("trace-me-42"));
        given().contentType("application/json").body("{\"text\":5}").post("/api/v1/triage").then()
                .statusCode(400).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().contentType("application/json").header("X-Request-Id", "bad id with spaces").body("{\"text\":\"hi\"}")
                .post("/api/v1/triage").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aiServiceEventsStillReachTheirCdiObservers() {
        // ListenedAiServiceEvents keeps the extension's CDI adapter only where an observer exists: this one.
        int before = completed.seen();
        given().contentType("application/json").body("{\"text\":\"Where is A1001?\"}").post("/api/v1/triage")
                .then().statusCode(200);
        assertEquals(before + 1, completed.seen());
    }
}
