package dev.qwen.api;

import java.util.List;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.qwen.provider.ProviderId;
import dev.qwen.provider.ProviderRouter;
import dev.qwen.provider.RequestTrail;
import io.vertx.core.http.HttpServerResponse;

/**
 * Every response that came from a model says which provider served it. An event stream's headers leave
 * before the first model call: there it names the provider the turn starts with (the {@code done} event
 * names the one that finished it).
 */
public class ProviderHeaderFilter {

    public static final String HEADER = "X-Provider";

    private final RequestTrail trail;
    private final ProviderRouter router;

    ProviderHeaderFilter(RequestTrail trail, ProviderRouter router) {
        this.trail = trail;
        this.router = router;
    }

    @ServerResponseFilter
    public void addProvider(ContainerResponseContext response) {
        ProviderId provider = trail.provider();
        if (provider != null) {
            response.getHeaders().putSingle(HEADER, provider.wireName());
        }
    }

    /**
     * An event stream's headers leave before any response filter could run: they are written when the
     * request is matched, with the request id too. Only for a method that answers nothing but events: one
     * that may answer JSON as well (the OpenAI endpoint) returns a response, which the filters see as usual.
     */
    @ServerRequestFilter
    public void announceStream(ContainerRequestContext request, ResourceInfo resource, HttpServerResponse response) {
        Produces produces = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Produces.class);
        if (produces != null && List.of(produces.value()).equals(List.of(MediaType.SERVER_SENT_EVENTS))) {
            response.putHeader(HEADER, router.preferred().wireName());
            Object id = request.getProperty(RequestIdFilter.PROPERTY);
            if (id != null) {
                response.putHeader(RequestIdFilter.HEADER, id.toString());
            }
        }
    }
}
