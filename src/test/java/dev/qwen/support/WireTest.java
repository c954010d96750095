package dev.qwen.support;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Base of the tests that cross the provider boundary against {@link WireMockProvider}: each test starts
 * with no stubs, no recorded requests and every circuit closed.
 */
public abstract class WireTest {

    @WireMockProvider.Server
    protected WireMockServer wire;

    @BeforeEach
    void freshProvider() {
        wire.resetAll();
        CircuitBreakerMaintenance.get().resetAll();
    }
}
