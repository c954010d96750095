package dev.qwen.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profiles: which provider is primary, and against what. */
public final class Profiles {

    private Profiles() {
    }

    private static final Map<String, String> FAST = Map.of(
            "qwen.timeout", "2s",
            "qwen.max-retries", "1",
            // The circuit stays closed in these tests; resilience tests drive it on purpose.
            "qwen.circuit-breaker.request-volume", "1000");

    /** AI/ML API is primary, served by WireMock. */
    public static class AimlApiWire implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(FAST, "qwen.provider", "aimlapi");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockProvider.class));
        }
    }

    /** TIR is primary, served by WireMock. */
    public static class TirWire implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(FAST, "qwen.provider", "tir");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockProvider.class));
        }
    }

    /** The emulator with API keys required. */
    public static class ApiKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.api-keys", "key-one-abc,key-two-def");
        }
    }

    /** The emulator, with TIR as primary. */
    public static class TirEmulator implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.provider", "tir");
        }
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(base);
        out.put(key, value);
        return out;
    }
}
