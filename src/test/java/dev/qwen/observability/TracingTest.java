package dev.qwen.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With tracing switched on, one request is one trace: endpoint -> AI service -> provider call -> tool. */
@QuarkusTest
@TestProfile(TracingTest.Tracing.class)
class TracingTest {

    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.simple", "true",
                    "quarkus.otel.exporter.otlp.enabled", "false");
        }
    }

    @ApplicationScoped
    static class ExporterProducer {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    private static Optional<SpanData> named(List<SpanData> spans, String prefix) {
        return spans.stream().filter(s -> s.getName().startsWith(prefix)).findFirst();
    }

    @Test
    void anAssistantTurnIsOneTraceFromEndpointToTool() {
        exporter.reset();
        given().contentType("application/json").body("{\"message\":\"Where is A1001?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> named(exporter.getFinishedSpanItems(), "qwen tool").isPresent()
                && exporter.getFinishedSpanItems().stream().anyMatch(s -> s.getName().contains("assistant/chat")));
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData endpoint = spans.stream().filter(s -> s.getName().contains("/api/v1/assistant/chat")).findFirst()
                .orElseThrow(() -> new AssertionError(spans.toString()));
        SpanData provider = named(spans, "qwen provider call").orElseThrow();
        SpanData tool = named(spans, "qwen tool trackShipment").orElseThrow();
        assertEquals(endpoint.getTraceId(), provider.getTraceId());
        assertEquals(endpoint.getTraceId(), tool.getTraceId(), "tools on worker threads stay in the trace");
        assertEquals("aimlapi", provider.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("qwen.provider")).findFirst().orElseThrow().getValue());
        assertTrue(spans.stream().noneMatch(s -> s.getAttributes().toString().contains("test-aimlapi-key")),
                "no key in any span");
    }
}
