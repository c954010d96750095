package dev.qwen.mcp;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** API keys configured, as in production: every /mcp request needs one. */
public class McpKeys implements QuarkusTestProfile {

    static final String CLIENT = "sk-mcp-client-5e1d7a";
    static final String METERED = "sk-mcp-metered-90b3f2";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("app.api-keys", "client:" + CLIENT + ",metered:" + METERED);
    }
}
