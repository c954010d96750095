package dev.qwen.provider;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;
import io.smallrye.config.SmallRyeConfig;

/**
 * Sizes the connection pool of the extension's provider clients to the bulkhead's limit. The REST client
 * the extension builds for each provider keeps the Quarkus default of 50 connections per client (its
 * programmatic builder reads no {@code quarkus.rest-client.*} pool key), and with calls of seconds the pool,
 * not the bulkhead, then capped the calls in flight: measured, 1,000 concurrent calls against a 2 s
 * upstream got 25 calls/s through. A MicroProfile {@link RestClientListener} (loaded by the REST client
 * through {@code ServiceLoader}, so not a CDI bean) is the seam the library leaves for it. The same seam puts
 * {@link CompactRequestBodies} on those clients.
 */
public final class UpstreamConnectionPool implements RestClientListener {

    /**
     * The extension's REST interface for OpenAI-compatible providers (both dialects use it), named through the
     * class: an upgrade that moves it fails the build instead of silently leaving the pool at 50.
     */
    static final String PROVIDER_API = OpenAiRestApi.class.getName();

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (PROVIDER_API.equals(serviceInterface.getName())) {
            builder.property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, poolSize());
            builder.register(new CompactRequestBodies(), CompactRequestBodies.PRIORITY);
        }
    }

    /** One connection per call the bulkhead lets run: the bulkhead decides how many calls are in flight. */
    static int poolSize() {
        QwenConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(QwenConfig.class);
        return config.bulkhead().limit();
    }
}
