package dev.qwen.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * On SIGTERM (how Kubernetes and Knative stop a pod): readiness goes DOWN, new calls are refused with
 * {@code 503 shutting_down} (problem+json, {@code Retry-After}), calls in flight (streams included) finish, for
 * up to {@code quarkus.shutdown.timeout} (25 s when unset); an event stream still running then ends with an
 * {@code error} event. Shutdown waits here, in the shutdown event, while the HTTP server still serves.
 */
@Readiness
@ApplicationScoped
public class GracefulShutdown implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    /** A call being served, and the event loop its response belongs to. */
    private record InFlight(RoutingContext ctx, Context context) {
    }

    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private volatile boolean draining;

    GracefulShutdown(@ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout) {
        this.timeout = timeout.orElse(Duration.ofSeconds(25));
    }

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 4).handler(this::admit);
        router.route("/v1/*").order(Integer.MIN_VALUE + 4).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        if (draining) {
            ctx.response().setStatusCode(503).putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
                    .putHeader("Retry-After", "1").putHeader("Connection", "close")
                    .end(Json.encode(ProblemMapper.body(new Problem(503, "shutting_down", "Shutting down",
                            "This instance is shutting down; retry, another instance will answer."))));
            return;
        }
        InFlight call = new InFlight(ctx, Vertx.currentContext());
        inFlight.add(call);
        ctx.addEndHandler(ended -> inFlight.remove(call));
        ctx.next();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown").status(!draining).build();
    }

    /**
     * Quarkus announces a shutdown with this event while its HTTP server still serves (with
     * {@code quarkus.shutdown.delay-enabled}); by the time of {@link ShutdownEvent} the server is closing. The
     * drain runs here, blocking the shutdown until the calls are done or the timeout passed.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    /** Where the delay is not enabled, the shutdown event is the last chance (first among its observers). */
    void drain(@Observes @Priority(1) ShutdownEvent event) {
        drain();
    }

    private synchronized void drain() {
        if (draining) {
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        LOG.infof("Shutting down: %d call(s) in flight, waiting up to %s", inFlight.size(), timeout);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        for (InFlight call : inFlight) {
            endAtDeadline(call);
        }
        long grace = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < grace) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** An event stream still running gets its {@code error} event and ends; another call is cut. */
    private static void endAtDeadline(InFlight call) {
        Runnable end = () -> {
            var response = call.ctx().response();
            if (response.ended() || response.closed()) {
                return;
            }
            String type = response.headers().get("Content-Type");
            if (response.headWritten() && type != null && type.startsWith("text/event-stream")) {
                Map<String, Object> problem = ProblemMapper.body(new Problem(503, "shutting_down", "Shutting down",
                        "This instance shut down before the turn finished; retry with the same Idempotency-Key."));
                response.end("event: error\ndata: " + Json.encode(problem) + "\n\n");
            } else {
                response.close();
            }
        };
        if (call.context() != null) {
            call.context().runOnContext(ignored -> end.run());
        } else {
            end.run();
        }
    }
}
