package dev.qwen.api;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.qwen.provider.ProviderId;
import dev.qwen.provider.ServedBy;

/** Every response that came from a model says which provider served it. */
public class ProviderHeaderFilter {

    public static final String HEADER = "X-Provider";

    private final ServedBy servedBy;

    ProviderHeaderFilter(ServedBy servedBy) {
        this.servedBy = servedBy;
    }

    @ServerResponseFilter
    public void addProvider(ContainerResponseContext response) {
        ProviderId provider = servedBy.get();
        if (provider != null) {
            response.getHeaders().putSingle(HEADER, provider.wireName());
        }
    }
}
