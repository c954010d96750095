package dev.qwen.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.qwen.provider.RequestTrail;
import dev.qwen.usage.LimitExceededException;
import dev.qwen.usage.UsageLedger;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * After {@link ApiKeyFilter} named the caller: counts the request against the key's limits (in the state
 * store, off the event loop) and refuses it with {@code 429 rate_limited} and {@code Retry-After} when the
 * key is over one.
 */
@Singleton
public class KeyLimitsFilter {

    private final UsageLedger ledger;
    private final RequestTrail trail;

    KeyLimitsFilter(UsageLedger ledger, RequestTrail trail) {
        this.ledger = ledger;
        this.trail = trail;
    }

    @ServerRequestFilter(preMatching = true, priority = 600)
    public Uni<Response> admit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!ApiKeyFilter.guarded(path)) {
            return Uni.createFrom().nullItem();
        }
        String caller = trail.caller();
        boolean mayCallModel = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        return Uni.createFrom().<Response> item(() -> {
            try {
                ledger.admit(caller, mayCallModel);
                return null;
            } catch (LimitExceededException over) {
                return Errors.render(path, ProblemMapper.problemFor(over));
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
