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

    /** How often calls whose caller hung up are forgotten. */
    private static final Duration SWEEP = Duration.ofSeconds(5);

    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private volatile boolean draining;

    GracefulShutdown(@ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout) {
        this.timeout = timeout.orElse(Duration.ofSeconds(25));
    }

    void register(@Observes Router router, Vertx vertx) {
        router.route("/api/*").order(RequestOrder.SHUTDOWN).handler(this::admit);
        router.route("/v1/*").order(RequestOrder.SHUTDOWN).handler(this::admit);
        router.routeWithRegex(McpDoor.PATHS).order(RequestOrder.SHUTDOWN).handler(this::admit);
        vertx.setPeriodic(SWEEP.toMillis(), tick -> sweep());
    }

    private void admit(RoutingContext ctx) {
        if (draining) {
            Errors.refuse(ctx.response(), ctx.normalizedPath(), ProblemMapper.shuttingDown(
                    "This instance is shutting down; retry, another instance will answer."));
            return;
        }
        InFlight call = new InFlight(ctx, Vertx.currentContext());
        inFlight.add(call);
        ctx.addEndHandler(ended -> inFlight.remove(call));
        ctx.next();
    }

    /**
     * Forgets calls whose caller hung up. Their end handler does not always run: Quarkus REST replaces the
     * response's close handler with its own for an event stream, so a hang-up is seen here, by the response.
     */
    private void sweep() {
        inFlight.removeIf(call -> call.ctx().response().closed() || call.ctx().response().ended());
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
        sweep();
        LOG.infof("Shutting down: %d call(s) in flight, waiting up to %s", inFlight.size(), timeout);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            sweep();
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
                Map<String, Object> problem = ProblemMapper.body(ProblemMapper.shuttingDown(
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
