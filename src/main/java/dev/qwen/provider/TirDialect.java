package dev.qwen.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * E2E Networks TIR (vLLM): the project id goes in the path and again in the required
 * {@code project_id} query; thinking is switched through {@code chat_template_kwargs} and, as a belt
 * to those braces, Qwen3's {@code /no_think} soft switch. Reasoning arrives inside content as
 * {@code <think>…</think>}.
 */
public record TirDialect(String baseUrl, String projectId, String model, boolean supportsJsonSchema)
        implements Dialect {

    /** The model id TIR documents for Qwen3-32B (path segment and body {@code model}). */
    public static final String MODEL = "qwen3_32b";

    @Override
    public ProviderId id() {
        return ProviderId.TIR;
    }

    @Override
    public String chatBaseUrl() {
        String project = URLEncoder.encode(projectId, StandardCharsets.UTF_8);
        return displayBaseUrl() + "?project_id=" + project;
    }

    @Override
    public String displayBaseUrl() {
        String project = URLEncoder.encode(projectId, StandardCharsets.UTF_8);
        return Dialect.trimSlash(baseUrl) + "/project/p-" + project + "/genai/" + model + "/v1";
    }

    @Override
    public Map<String, Object> thinkingFields(boolean thinking, Integer budget) {
        return Map.of("chat_template_kwargs", Map.of("enable_thinking", thinking));
    }

    @Override
    public String noThinkSuffix() {
        return " /no_think";
    }
}
