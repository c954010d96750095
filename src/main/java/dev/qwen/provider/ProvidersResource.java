package dev.qwen.provider;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which provider serves, which one stands by, and the state of each one's circuit. No keys. */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @RegisterForReflection
    @Schema(name = "Provider")
    public record ProviderView(String name, String model, String baseUrl,
            @Schema(enumeration = { "CLOSED", "OPEN", "HALF_OPEN" }) String circuit) {
    }

    @RegisterForReflection
    @Schema(name = "Providers")
    public record ProvidersView(String primary, @Schema(nullable = true) String fallback, List<ProviderView> providers) {
    }

    private final ProviderRegistry registry;
    private final ProviderRouter router;

    ProvidersResource(ProviderRegistry registry, ProviderRouter router) {
        this.registry = registry;
        this.router = router;
    }

    @GET
    public ProvidersView providers() {
        List<ProviderView> views = registry.inOrder().stream()
                .map(u -> new ProviderView(u.id().wireName(), u.dialect().model(), u.dialect().displayBaseUrl(),
                        router.circuit(u.id()).name()))
                .toList();
        return new ProvidersView(registry.primary().id().wireName(),
                registry.fallback().map(u -> u.id().wireName()).orElse(null), views);
    }
}
