package dev.qwen.observability;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The service's own Prometheus series, on the extension's registry: tokens by provider, endpoint, key name and
 * type; cost by provider, endpoint and key name; upstream latency by provider and outcome; retries; failovers;
 * circuit state; tool executions; calls in flight and their limit; problems answered by code; state-store failures.
 * No label ever carries a key or a message text. Labels are plain strings.
 * k8s/monitoring (the Grafana dashboard, the Prometheus rules) queries these (OperatorViewTest keeps them in step).
 */
@ApplicationScoped
public class ServiceMetrics {

    private final MeterRegistry registry;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code key} is the calling key's name (never the key), as on the cost counter. */
    public void tokens(String provider, String endpoint, String key, int prompt, int completion, int reasoning) {
        count(prompt, provider, endpoint, key, "prompt");
        count(completion, provider, endpoint, key, "completion");
        count(reasoning, provider, endpoint, key, "reasoning");
    }

    private void count(int amount, String provider, String endpoint, String key, String type) {
        Counter.builder("qwen.tokens").description("Tokens used, by provider, endpoint, API key name and type")
                .tags("provider", provider, "endpoint", endpoint, "key", key, "type", type)
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

    /** A tool call held for a person's decision. */
    public void approvalRequested(String tool) {
        Counter.builder("qwen.approvals.requested").description("Tool calls held for a person's decision, by tool")
                .tag("tool", tool).register(registry).increment();
    }

    /** A decision taken ({@code approve} or {@code reject}), and how long it took from the request. */
    public void approvalDecided(String decision, java.time.Duration waited) {
        Counter.builder("qwen.approvals.decided").description("Approvals decided, by decision")
                .tag("decision", decision).register(registry).increment();
        Timer.builder("qwen.approval.decision.time").description("Time from a held call to its decision")
                .tag("decision", decision).register(registry).record(waited);
    }

    /** Every problem a caller is answered with, as the response or as an error event inside a stream. */
    public void problem(int status, String code) {
        Counter.builder("qwen.problems").description("Problems answered, by HTTP status and the contract's code")
                .tags("status", String.valueOf(status), "code", code).register(registry).increment();
    }

    /**
     * A state-store command that failed (Redis unreachable or timing out): counted whether or not a caller saw
     * it, since usage counting rides out an outage without a {@code state_unavailable} answer.
     */
    public void stateStoreFailed() {
        stateStoreFailures().increment();
    }

    private Counter stateStoreFailures() {
        return Counter.builder("qwen.state.store.failures")
                .description("State-store commands that failed: the store was unreachable or timed out")
                .register(registry);
    }

    /** The calls one provider runs at once on this instance ({@code qwen.bulkhead.limit}), beside the calls in flight. */
    public void bulkheadLimit(int limit) {
        Gauge.builder("qwen.bulkhead.limit", () -> limit)
                .description("Model calls one provider runs at once on this instance; more wait in its queue or are shed")
                .register(registry);
    }

    /**
     * For static code that holds no bean (RedisCalls, the problem renderers): measures on the running
     * application's metrics, and does nothing outside one (a plain unit test).
     */
    public static void record(Consumer<ServiceMetrics> measurement) {
        ArcContainer arc = Arc.container();
        if (arc != null && arc.isRunning()) {
            measurement.accept(arc.instance(ServiceMetrics.class).get());
        }
    }

    // ---- Calls in flight: what the autoscaler scales on (a pod full of calls waiting on the model uses little CPU) ----
    private final AtomicInteger callsInFlight = new AtomicInteger();

    /**
     * Registered at start-up, so the series exist (at 0) before the first call: an autoscaler needs the calls in
     * flight from the start, an alert on state-store failures a series to increase.
     */
    void registerAtStartup(@Observes StartupEvent event) {
        Gauge.builder("qwen.calls.in.flight", callsInFlight, AtomicInteger::get)
                .description("Model calls this instance holds open now: running upstream, retrying or waiting for a slot")
                .register(registry);
        stateStoreFailures();
    }

    public void callStarted() {
        callsInFlight.incrementAndGet();
    }

    public void callEnded() {
        callsInFlight.decrementAndGet();
    }
}
