package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A selected or fallback provider without its key or project id stops start-up with one line. */
class StartupConfigTest {

    private static QwenConfig config(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(QwenConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(map, "test", 500))
                .build();
        return config.getConfigMapping(QwenConfig.class);
    }

    private static Optional<String> firstProblem(QwenConfig config) {
        return ProviderRegistry.configuredIds(config).stream()
                .map(id -> ProviderRegistry.configProblem(config, id))
                .flatMap(Optional::stream).findFirst();
    }

    @Test
    void defaultsFollowTheContract() {
        QwenConfig config = config("qwen.aimlapi.api-key", "k");
        assertEquals(ProviderId.AIMLAPI, config.provider());
        assertEquals("https://api.aimlapi.com/v1", config.aimlapi().baseUrl());
        assertEquals("alibaba/qwen3-32b", config.aimlapi().model());
        assertEquals("https://infer.e2enetworks.net", config.tir().baseUrl());
        assertEquals("qwen3_32b", config.tir().model());
        assertEquals(60, config.timeout().toSeconds());
        assertEquals(2, config.maxRetries());
        assertTrue(config.fallbackProvider().isEmpty());
        assertTrue(firstProblem(config).isEmpty());
    }

    @Test
    void missingAimlApiKeyNamesItsVariable() {
        String line = firstProblem(config()).orElseThrow();
        assertTrue(line.startsWith("Set QWEN_AIMLAPI_API_KEY"), line);
        assertTrue(!line.contains("\n"));
    }

    @Test
    void tirNeedsItsTokenAndProjectId() {
        assertTrue(firstProblem(config("qwen.provider", "tir", "qwen.tir.project-id", "1"))
                .orElseThrow().startsWith("Set QWEN_TIR_API_KEY"));
        assertTrue(firstProblem(config("qwen.provider", "tir", "qwen.tir.api-key", "t"))
                .orElseThrow().startsWith("Set QWEN_TIR_PROJECT_ID"));
    }

    @Test
    void theFallbackIsCheckedToo() {
        String line = firstProblem(config("qwen.aimlapi.api-key", "k", "qwen.fallback-provider", "tir"))
                .orElseThrow();
        assertTrue(line.startsWith("Set QWEN_TIR_API_KEY") && line.contains("qwen.fallback-provider"), line);
    }

    @Test
    void tirUrlCarriesTheProjectInPathAndQuery() {
        TirDialect tir = new TirDialect("https://infer.e2enetworks.net/", "4242", "qwen3_32b", true);
        assertEquals("https://infer.e2enetworks.net/project/p-4242/genai/qwen3_32b/v1?project_id=4242",
                tir.chatBaseUrl());
    }

    @Test
    void startUpStopsWithTheOneLineQuarkusPrintsWithoutAStackTrace() {
        io.quarkus.runtime.configuration.ConfigurationException stop = org.junit.jupiter.api.Assertions.assertThrows(
                io.quarkus.runtime.configuration.ConfigurationException.class,
                () -> new ProviderRegistry(config("qwen.provider", "tir", "qwen.tir.api-key", "t")));
        assertTrue(stop.getMessage().startsWith("Set QWEN_TIR_PROJECT_ID"), stop.getMessage());
    }

    @Test
    void eachProvidersSectionIsReadThroughOneAccessor() {
        QwenConfig config = config("qwen.aimlapi.api-key", "k-a", "qwen.tir.api-key", "k-t",
                "qwen.tir.json-schema", "false", "qwen.tir.price.input-per-million", "0.5");

        assertEquals("k-a", config.section(ProviderId.AIMLAPI).apiKey().orElseThrow());
        assertEquals("k-t", config.section(ProviderId.TIR).apiKey().orElseThrow());
        assertEquals("https://infer.e2enetworks.net", config.section(ProviderId.TIR).baseUrl());
        assertTrue(config.section(ProviderId.AIMLAPI).jsonSchema());
        assertTrue(!config.section(ProviderId.TIR).jsonSchema());
        assertEquals(new java.math.BigDecimal("0.5"), config.section(ProviderId.TIR).price().inputPerMillion().orElseThrow());
    }

    @Test
    void theDocumentedModelIdsAreTheDefaults() {
        QwenConfig config = config("qwen.aimlapi.api-key", "k");

        assertEquals(ProviderId.AIMLAPI.documentedModel(), config.aimlapi().model());
        assertEquals(ProviderId.TIR.documentedModel(), config.tir().model());
        assertEquals(java.util.Set.of("alibaba/qwen3-32b", "qwen3_32b"), ProviderRegistry.modelIds(config));
    }

    @Test
    void theDocumentedModelIdsStayAcceptedWhenConfigurationNamesOthers() {
        QwenConfig config = config("qwen.aimlapi.api-key", "k", "qwen.aimlapi.model", "alibaba/qwen3-32b-fp8",
                "qwen.tir.model", "qwen3_32b_v2");

        assertEquals(java.util.Set.of("alibaba/qwen3-32b", "alibaba/qwen3-32b-fp8", "qwen3_32b", "qwen3_32b_v2"),
                ProviderRegistry.modelIds(config));
    }
}
