package dev.qwen.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Test profiles: which provider is primary, and against what. Each profile is one start of the service in
 * {@code ./mvnw verify}, so tests share one wherever they differ in nothing they depend on: a test class keeps a
 * profile of its own only for a setting that would change another class's results (limits, injected faults,
 * slow tokens, a stoppable Redis, a held upstream).
 */
public final class Profiles {

    private Profiles() {
    }

    private static final Map<String, String> FAST = Map.of(
            "qwen.timeout", "2s",
            "qwen.max-retries", "1",
            // The circuit stays closed in these tests; resilience tests drive it on purpose.
            "qwen.circuit-breaker.request-volume", "1000",
            // The providers are WireMock; no emulator is served beside them.
            "qwen.emulator.enabled", "false");

    /** Profiles whose providers are WireMock on loopback. */
    abstract static class OnWireMock implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockProvider.class));
        }
    }

    /** AI/ML API is primary, served by WireMock; no emulator. */
    public static class AimlApiWire extends OnWireMock {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(FAST, "qwen.provider", "aimlapi");
        }
    }

    /** TIR is primary, served by WireMock. */
    public static class TirWire extends OnWireMock {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(FAST, "qwen.provider", "tir");
        }
    }

    /**
     * AI/ML API alone on WireMock, with small limits so faults, the circuit and shedding show quickly. Its own
     * start: a circuit of four calls and a bulkhead of one would trip other classes' tests.
     */
    public static class Resilience extends OnWireMock {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>();
            config.put("qwen.provider", "aimlapi");
            config.put("qwen.timeout", "1s");
            config.put("qwen.max-retries", "2");
            config.put("qwen.circuit-breaker.request-volume", "4");
            config.put("qwen.circuit-breaker.failure-ratio", "0.75");
            config.put("qwen.circuit-breaker.delay", "1500ms");
            config.put("qwen.bulkhead.limit", "1");
            config.put("qwen.bulkhead.queue", "0");
            return config;
        }
    }

    /** AI/ML API primary, TIR fallback, both on WireMock. */
    public static class Failover extends OnWireMock {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(FAST);
            config.put("qwen.provider", "aimlapi");
            config.put("qwen.fallback-provider", "tir");
            return config;
        }
    }

    /**
     * The emulator with API keys required, AI/ML API priced and tracing on (spans to an in-memory exporter):
     * what keys, prices and spans look like end to end.
     */
    public static class ApiKeys implements QuarkusTestProfile {
        public static final String TRACE_KEY = "trace-key-123";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.api-keys", "key-one-abc,key-two-def,team-a:" + TRACE_KEY,
                    "qwen.aimlapi.price.input-per-million", "1.00",
                    "qwen.aimlapi.price.output-per-million", "2.00",
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.simple", "true",
                    "quarkus.otel.exporter.otlp.enabled", "false");
        }
    }

    /**
     * Several API keys sharing one deployment, on WireMock, AI/ML API priced: two teams whose every order call
     * names its customer (the keys' sessions and the customers' orders kept apart), and the keys the
     * OpenAI-compatible clients call with (one named, one bare: named {@code key2} by its position).
     */
    public static class Tenants extends OnWireMock {
        public static final String TEAM_A = "key-team-a-0f3e9b";
        public static final String TEAM_B = "key-team-b-71c2d4";
        public static final String ALICE = "sk-alice-0123456789";
        public static final String BARE = "sk-bare-9876543210";

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(FAST);
            config.put("qwen.provider", "aimlapi");
            config.put("app.api-keys", "alice:" + ALICE + "," + BARE + ",team-a:" + TEAM_A + ",team-b:" + TEAM_B);
            config.put("qwen.customers.required", "true");
            config.put("qwen.aimlapi.price.input-per-million", "0.5");
            config.put("qwen.aimlapi.price.output-per-million", "2.0");
            return config;
        }
    }

    /**
     * Refunds above 100 wait for a person: keys team-a and team-b ask, ops decides; on WireMock.
     */
    public static class Approvals extends OnWireMock {
        public static final String TEAM_A = "key-apr-team-a-8d1";
        public static final String TEAM_B = "key-apr-team-b-2c7";
        public static final String OPS = "key-apr-ops-5e0";

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(FAST);
            config.put("qwen.provider", "aimlapi");
            config.put("app.api-keys", "team-a:" + TEAM_A + ",team-b:" + TEAM_B + ",ops:" + OPS);
            config.put("qwen.approvals.refund-above", "100");
            config.put("qwen.approvals.approvers", "ops");
            return config;
        }
    }

    /** The same, with approvals that expire after two seconds. */
    public static class ShortApprovals extends Approvals {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(super.getConfigOverrides(), "qwen.approvals.ttl", "2s");
        }
    }

    /**
     * {@code qwen.state=redis} on a real redis-server, with a key whose usage and limits the Redis counts, and one
     * for the session tests, so that neither class's counts are the other's.
     */
    public static class OnRedis implements QuarkusTestProfile {
        public static final String USAGE_KEY = "sk-shared-41d7";
        public static final String SESSIONS_KEY = "sk-sessions-9c3e";

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.api-keys", "team:" + USAGE_KEY + ",sessions:" + SESSIONS_KEY,
                    "qwen.limits.requests-per-minute", "1000",
                    "qwen.session-ttl", "2h");
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
