package dev.qwen.provider;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Ready while at least one configured provider can be called: configuration was validated at start-up
 * (the service would not be running otherwise), and not every circuit is open.
 */
@Readiness
@ApplicationScoped
public class ProvidersReadiness implements HealthCheck {

    private final ProviderRegistry registry;
    private final ProviderRouter router;

    ProvidersReadiness(ProviderRegistry registry, ProviderRouter router) {
        this.registry = registry;
        this.router = router;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("providers");
        boolean anyCallable = false;
        for (ProviderClient client : registry.inOrder()) {
            CircuitBreakerState state = router.circuit(client.id());
            response.withData(client.id().wireName(), state.name());
            anyCallable |= state != CircuitBreakerState.OPEN;
        }
        return response.status(anyCallable).build();
    }
}
