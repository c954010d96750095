package dev.qwen.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.qwen.observability.ServiceMetrics;
import io.quarkus.arc.Arc;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Sends a call to the primary provider and, when it fails in a way another provider could fix, to the
 * fallback. Each provider has its own SmallRye Fault Tolerance guard: retries for 429, 5xx, timeouts and
 * connection faults (honouring {@code Retry-After}, else exponential backoff with jitter) inside a
 * circuit breaker that counts only those faults, not the caller's own bad requests. Records who served
 * for {@code X-Provider}.
 */
@ApplicationScoped
public class ProviderRouter {

    private static final Logger LOG = Logger.getLogger(ProviderRouter.class);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);
    static final long BASE_BACKOFF_MS = 200;
    static final Duration SHED_RETRY_AFTER = Duration.ofSeconds(1);

    private final ProviderRegistry registry;
    private final RequestTrail trail;
    private final Map<ProviderId, Guard> guards = new EnumMap<>(ProviderId.class);

    private final ServiceMetrics metrics;

    ProviderRouter(ProviderRegistry registry, RequestTrail trail, QwenConfig config, ServiceMetrics metrics) {
        this.registry = registry;
        this.trail = trail;
        this.metrics = metrics;
        metrics.bulkheadLimit(config.bulkhead().limit());
        for (ProviderClient client : registry.inOrder()) {
            guards.put(client.id(), guard(client.id(), config, metrics));
            metrics.circuit(client.id().wireName(), () -> circuit(client.id()));
        }
    }

    private static Guard guard(ProviderId id, QwenConfig config, ServiceMetrics metrics) {
        QwenConfig.CircuitBreaker cb = config.circuitBreaker();
        return Guard.create()
                .withDescription("provider " + id)
                .withRetry()
                .maxRetries(config.maxRetries())
                .maxDuration(config.timeout().toMillis() * (config.maxRetries() + 1) + MAX_RETRY_AFTER.toMillis(),
                        ChronoUnit.MILLIS)
                .whenException(t -> t instanceof ProviderFailure f && f.retryable())
                .withCustomBackoff().strategy(RetryAfterBackoff::new).done()
                .onRetry(() -> metrics.retry(id.wireName()))
                .done()
                .withCircuitBreaker()
                .name(circuitName(id))
                .requestVolumeThreshold(cb.requestVolume())
                .failureRatio(cb.failureRatio())
                .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(t -> t instanceof ProviderFailure f && f.providerFault())
                .done()
                .withBulkhead()
                .limit(config.bulkhead().limit())
                .queueSize(Math.max(1, config.bulkhead().queue()))
                .with(b -> {
                    if (config.bulkhead().queue() > 0) {
                        b.enableSynchronousQueueing();
                    }
                })
                .done()
                .build();
    }

    static String circuitName(ProviderId id) {
        return "provider-" + id.wireName();
    }

    public CircuitBreakerState circuit(ProviderId id) {
        return CircuitBreakerMaintenance.get().currentState(circuitName(id));
    }

    /** The provider a call would go to now: the first whose circuit is not open. */
    public ProviderId preferred() {
        return registry.inOrder().stream().map(ProviderClient::id).filter(id -> circuit(id) != CircuitBreakerState.OPEN)
                .findFirst().orElse(registry.primary().id());
    }

    /** Calls the first provider that can serve; counted in flight (the autoscaling metric) until it ends. */
    <T> T route(Function<ProviderClient, T> call) {
        metrics.callStarted();
        try {
            return failover(call);
        } finally {
            metrics.callEnded();
        }
    }

    /** A failure no other provider could fix ends the call at once. */
    @SuppressWarnings("unchecked")
    private <T> T failover(Function<ProviderClient, T> call) {
        ProviderFailure last = null;
        for (ProviderClient client : registry.inOrder()) {
            try {
                Object result = guards.get(client.id()).get(() -> call.apply(client), Object.class);
                markServed(client);
                if (last != null) {
                    metrics.failover(last.provider().wireName(), client.id().wireName());
                }
                return (T) result;
            } catch (CircuitBreakerOpenException open) {
                last = new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, client.id(), 0, null,
                        client.id() + " circuit is open");
                LOG.warnf("%s circuit is open; not calling it", client.id());
            } catch (BulkheadException full) {
                last = new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, client.id(), 0, SHED_RETRY_AFTER,
                        client.id() + " has too many calls in flight");
                LOG.warnf("%s is at its concurrency limit; shedding the call", client.id());
            } catch (ProviderFailure failure) {
                last = failure;
                if (!failure.failover()) {
                    throw failure;
                }
                LOG.warnf("%s failed (%s) after retries", client.id(), failure.kind());
            }
        }
        throw last;
    }

    private void markServed(ProviderClient client) {
        if (Arc.container().requestContext().isActive()) {
            trail.served(client.id(), client.dialect().model());
        }
    }

    /** Retry-After when the provider sent it (capped at 10 s), else 200 ms doubling, with jitter. */
    static final class RetryAfterBackoff implements CustomBackoffStrategy {
        private int attempt;

        @Override
        public long nextDelayInMillis(Throwable cause) {
            attempt++;
            if (cause instanceof ProviderFailure f && f.retryAfter() != null) {
                return Math.min(f.retryAfter().toMillis(), MAX_RETRY_AFTER.toMillis());
            }
            long base = BASE_BACKOFF_MS << Math.min(attempt - 1, 6);
            return base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }
    }
}
