package dev.qwen.observability;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The service's own Prometheus series, on the extension's registry: tokens by provider, endpoint and
 * type; cost by provider, endpoint and key name; upstream latency by provider and outcome; retries; failovers; circuit state; tool executions.
 * No label ever carries a key or a message text. A floor below every room: labels are plain strings.
 */
@ApplicationScoped
public class ServiceMetrics {

    private final MeterRegistry registry;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void tokens(String provider, String endpoint, int prompt, int completion, int reasoning) {
        count("qwen.tokens", prompt, provider, endpoint, "prompt");
        count("qwen.tokens", completion, provider, endpoint, "completion");
        count("qwen.tokens", reasoning, provider, endpoint, "reasoning");
    }

    private void count(String name, int amount, String provider, String endpoint, String type) {
        Counter.builder(name).description("Tokens used, by provider, endpoint and type")
                .tags("provider", provider, "endpoint", endpoint, "type", type)
                .register(registry).increment(amount);
    }

    /** Money spent on model calls, by provider, endpoint and API key name (never the key), in the configured currency. */
    public void cost(String provider, String endpoint, String key, String currency, double amount) {
        Counter.builder("qwen.cost").description("Cost of model calls, by provider, endpoint and API key name")
                .tags("provider", provider, "endpoint", endpoint, "key", key, "currency", currency)
                .register(registry).increment(amount);
    }

    public void upstreamCall(String provider, String outcome, long nanos) {
        Timer.builder("qwen.upstream.latency").description("Duration of one provider call")
                .tags("provider", provider, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void retry(String provider) {
        Counter.builder("qwen.upstream.retries").description("Provider calls retried")
                .tag("provider", provider).register(registry).increment();
    }

    public void failover(String from, String to) {
        Counter.builder("qwen.failovers").description("Calls served by the fallback after the primary failed")
                .tags("from", from, "to", to).register(registry).increment();
    }

    /** 0 closed, 1 half-open, 2 open. */
    public void circuit(String provider, Supplier<CircuitBreakerState> state) {
        Gauge.builder("qwen.circuit.state", () -> switch (state.get()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        }).description("Circuit state per provider: 0 closed, 1 half-open, 2 open")
                .tag("provider", provider).register(registry);
    }

    public void tool(String tool, boolean failed) {
        Counter.builder("qwen.tool.executions").description("Tool executions by tool and outcome")
                .tags("tool", tool, "outcome", failed ? "error" : "ok").register(registry).increment();
    }

    // ---- Calls in flight: what the autoscaler scales on (a pod full of calls waiting on the model uses little CPU) ----
    private final AtomicInteger callsInFlight = new AtomicInteger();

    /** Registered at start-up, so the series exists (at 0) before the first call: an autoscaler needs it from the start. */
    void registerCallsInFlight(@Observes StartupEvent event) {
        Gauge.builder("qwen.calls.in.flight", callsInFlight, AtomicInteger::get)
                .description("Model calls this instance holds open now: running upstream, retrying or waiting for a slot")
                .register(registry);
    }

    public void callStarted() {
        callsInFlight.incrementAndGet();
    }

    public void callEnded() {
        callsInFlight.decrementAndGet();
    }
}
