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

import dev.qwen.support.Profiles;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With tracing switched on, one request is one trace: endpoint -> AI service -> provider call -> tool. */
@QuarkusTest
@TestProfile(Profiles.ApiKeys.class)
class TracingTest {

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
        given().auth().oauth2(Profiles.ApiKeys.TRACE_KEY).contentType("application/json")
                .body("{\"message\":\"Where is A1001?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> named(exporter.getFinishedSpanItems(), "qwen tool").isPresent()
                && exporter.getFinishedSpanItems().stream().anyMatch(s -> s.getName().contains("assistant/chat")));
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData endpoint = spans.stream().filter(s -> s.getName().contains("/api/v1/assistant/chat")).findFirst()
                .orElseThrow(() -> new AssertionError(spans.toString()));
        List<SpanData> modelCalls = spans.stream().filter(s -> s.getName().startsWith("chat ")
                && s.getTraceId().equals(endpoint.getTraceId())
                && s.getAttributes().asMap().keySet().stream().anyMatch(k -> k.getKey().equals("qwen.caller"))).toList();
        assertTrue(modelCalls.size() >= 2, "one span per model call: the tool calls, then the answer: " + modelCalls);
        SpanData provider = modelCalls.get(0);
        SpanData tool = named(spans, "qwen tool trackShipment").orElseThrow();
        assertEquals(endpoint.getTraceId(), provider.getTraceId());
        assertEquals(endpoint.getTraceId(), tool.getTraceId(), "tools on worker threads stay in the trace");
        for (SpanData call : modelCalls) {
            assertEquals("chat alibaba/qwen3-32b", call.getName());
            assertEquals("chat", attribute(call, "gen_ai.operation.name"));
            assertEquals("aimlapi", attribute(call, "gen_ai.provider.name"));
            assertEquals("alibaba/qwen3-32b", attribute(call, "gen_ai.request.model"));
            assertTrue(attribute(call, "gen_ai.response.model") instanceof String model && !model.isBlank());
            assertTrue(((Long) attribute(call, "gen_ai.usage.input_tokens")) > 0);
            assertTrue(((Long) attribute(call, "gen_ai.usage.output_tokens")) > 0);
            assertEquals("team-a", attribute(call, "qwen.caller"), "the key's name, never the key");
            assertTrue(((Double) attribute(call, "qwen.cost.amount")) > 0, "priced: the call's cost");
            assertEquals("USD", attribute(call, "qwen.cost.currency"));
        }
        assertEquals(List.of("tool_calls"), attribute(modelCalls.get(0), "gen_ai.response.finish_reasons"));
        assertEquals(List.of("stop"), attribute(modelCalls.getLast(), "gen_ai.response.finish_reasons"));
        assertTrue(spans.stream().noneMatch(s -> s.getAttributes().toString().contains("test-aimlapi-key")),
                "no key in any span");
        assertTrue(spans.stream().noneMatch(s -> s.getAttributes().toString().contains("trace-key-123")),
                "no caller key in any span");
    }

    private static Object attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(key + " missing on " + span.getName() + ": " + span.getAttributes()));
    }
}
