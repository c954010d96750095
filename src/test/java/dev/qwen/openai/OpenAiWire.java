package dev.qwen.openai;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.qwen.support.WireMockProvider;
import io.quarkus.test.junit.QuarkusTestProfile;

/** AI/ML API on WireMock, two named keys (one bare), prices set: the OpenAI-compatible endpoint's tests. */
public class OpenAiWire implements QuarkusTestProfile {

    public static final String ALICE = "sk-alice-0123456789";
    public static final String BARE = "sk-bare-9876543210";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("qwen.provider", "aimlapi");
        config.put("qwen.timeout", "2s");
        config.put("qwen.max-retries", "1");
        config.put("qwen.circuit-breaker.request-volume", "1000");
        config.put("app.api-keys", "alice:" + ALICE + "," + BARE);
        config.put("qwen.aimlapi.price.input-per-million", "0.5");
        config.put("qwen.aimlapi.price.output-per-million", "2.0");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockProvider.class));
    }
}
