package dev.qwen.support;

import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

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

    /** Scripts the provider's chat-completion replies in order (either provider's path); the last one repeats. */
    protected void script(ResponseDefinitionBuilder... replies) {
        for (int i = 0; i < replies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step" + i;
            var stub = post(urlPathMatching(".*/chat/completions")).inScenario("script").whenScenarioStateIs(state)
                    .willReturn(replies[i]);
            if (i < replies.length - 1) {
                stub = stub.willSetStateTo("step" + (i + 1));
            }
            wire.stubFor(stub);
        }
    }
}
