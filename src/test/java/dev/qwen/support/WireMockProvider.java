package dev.qwen.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server on loopback standing in for the providers, so tests cross the provider boundary
 * over the wire and can assert on exactly what the service sent. Both providers' base URLs point at it:
 * AI/ML API under {@code /v1}, TIR under its project path.
 */
public class WireMockProvider implements QuarkusTestResourceLifecycleManager {

    public static final String AIMLAPI_KEY = "sk-aimlapi-test-5f2b9c81e7d4";
    public static final String TIR_KEY = "tir-pat-test-8a61d0e33c90";
    public static final String TIR_PROJECT = "777";

    /** Injects the running server into a test field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of(
                "qwen.aimlapi.base-url", base + "/v1",
                "qwen.aimlapi.api-key", AIMLAPI_KEY,
                "qwen.tir.base-url", base,
                "qwen.tir.project-id", TIR_PROJECT,
                "qwen.tir.api-key", TIR_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
