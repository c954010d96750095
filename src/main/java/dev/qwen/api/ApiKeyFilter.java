package dev.qwen.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.qwen.provider.RequestTrail;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code /api/**} and {@code /v1/**} request gets a caller: with {@code app.api-keys} set, Quarkus
 * Security authenticates it ({@link ApiKeyMechanism}, {@link ApiKeyIdentityProvider}) and a request
 * without a configured key is refused with 401 before it reaches any store (see {@link RequestOrder}); without
 * keys everyone is
 * {@code anonymous}. The principal's name (never the key) goes to the request's trail (cost, usage,
 * limits) and to the log context ({@code caller}). Health, metrics and OpenAPI stay open. {@link McpDoor} asks the
 * same of {@code /mcp} ({@link #caller}).
 */
@Singleton
public class ApiKeyFilter {

    public static final String ANONYMOUS = "anonymous";

    private final ApiKeys keys;
    private final CurrentIdentityAssociation identities;
    private final RequestTrail trail;

    ApiKeyFilter(ApiKeys keys, CurrentIdentityAssociation identities, RequestTrail trail) {
        this.keys = keys;
        this.identities = identities;
        this.trail = trail;
    }

    /** The paths that belong to callers: the business API and the OpenAI-compatible endpoint. */
    static boolean guarded(String path) {
        return path.startsWith("/api/") || path.startsWith("/v1/") || path.equals("/v1");
    }

    @ServerRequestFilter(preMatching = true, priority = RequestOrder.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!guarded(path)) {
            return Uni.createFrom().nullItem();
        }
        return caller(identities.getDeferredIdentity()).map(caller -> {
            if (caller != null) {
                identify(caller);
                return null;
            }
            Response refusal = Errors.render(path, unauthorized());
            return Response.fromResponse(refusal).header("WWW-Authenticate", "Bearer").build();
        });
    }

    /**
     * The caller a request acts as: {@code anonymous} without configured keys, else the name of the key its
     * (lazily authenticated) identity presented; null when keys are configured and it presented none of them.
     */
    Uni<String> caller(Uni<SecurityIdentity> deferredIdentity) {
        if (!keys.required()) {
            return Uni.createFrom().item(ANONYMOUS);
        }
        return deferredIdentity.onItemOrFailure().transform((identity, failure) ->
                failure == null && identity != null && !identity.isAnonymous() ? name(identity) : null);
    }

    static Problem unauthorized() {
        return ProblemMapper.unauthorized();
    }

    private void identify(String caller) {
        trail.caller(caller);
        MDC.put("caller", caller);
    }

    private static String name(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }
}
