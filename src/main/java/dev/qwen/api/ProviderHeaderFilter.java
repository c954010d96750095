package dev.qwen.api;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.qwen.provider.ProviderId;
import dev.qwen.provider.RequestTrail;

/** Every response that came from a model says which provider served it. */
public class ProviderHeaderFilter {

    public static final String HEADER = "X-Provider";

    private final RequestTrail trail;

    ProviderHeaderFilter(RequestTrail trail) {
        this.trail = trail;
    }

    @ServerResponseFilter
    public void addProvider(ContainerResponseContext response) {
        ProviderId provider = trail.get();
        if (provider != null) {
            response.getHeaders().putSingle(HEADER, provider.wireName());
        }
    }
}
