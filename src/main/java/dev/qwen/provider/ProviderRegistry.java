package dev.qwen.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Builds one upstream per configured provider (primary first, then the fallback) from
 * {@link QwenConfig}, after checking that each has what it needs. The HTTP clients are the
 * extension's ({@code OpenAiChatModel.builder()} resolves to quarkus-langchain4j's REST-client based
 * builder); we only choose their URL, key, model and timeout. Retries are ours (SmallRye Fault
 * Tolerance in the router), so the client's own retry is off.
 */
@ApplicationScoped
public class ProviderRegistry {

    private final QwenConfig config;
    private final Map<ProviderId, Upstream> upstreams = new EnumMap<>(ProviderId.class);
    private final List<Upstream> order = new ArrayList<>();

    ProviderRegistry(QwenConfig config) {
        this.config = config;
        for (ProviderId id : configuredIds(config)) {
            configProblem(config, id).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
            Upstream upstream = build(dialect(config, id));
            upstreams.put(id, upstream);
            order.add(upstream);
        }
    }

    /** Start-up fails here, with one line, rather than at the first request. */
    void checkAtStartup(@Observes StartupEvent event) {
        order.size();
    }

    Upstream primary() {
        return order.get(0);
    }

    Optional<Upstream> fallback() {
        return order.size() > 1 ? Optional.of(order.get(1)) : Optional.empty();
    }

    /** Primary first, then the fallback when one is configured. */
    List<Upstream> inOrder() {
        return Collections.unmodifiableList(order);
    }

    Upstream get(ProviderId id) {
        return upstreams.get(id);
    }

    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        config.aimlapi().apiKey().ifPresent(secrets::add);
        config.tir().apiKey().ifPresent(secrets::add);
        return secrets;
    }

    static List<ProviderId> configuredIds(QwenConfig config) {
        List<ProviderId> ids = new ArrayList<>();
        ids.add(config.provider());
        config.fallbackProvider().filter(f -> f != config.provider()).ifPresent(ids::add);
        return ids;
    }

    /** One line naming the environment variable to set, or empty when the provider can be used. */
    public static Optional<String> configProblem(QwenConfig config, ProviderId id) {
        String role = id == config.provider() ? "qwen.provider" : "qwen.fallback-provider";
        if (id == ProviderId.AIMLAPI && isBlank(config.aimlapi().apiKey())) {
            return Optional.of("Set QWEN_AIMLAPI_API_KEY: " + role + " is aimlapi but no AI/ML API key is configured");
        }
        if (id == ProviderId.TIR && isBlank(config.tir().apiKey())) {
            return Optional.of("Set QWEN_TIR_API_KEY: " + role + " is tir but no TIR access token is configured");
        }
        if (id == ProviderId.TIR && isBlank(config.tir().projectId())) {
            return Optional.of("Set QWEN_TIR_PROJECT_ID: " + role + " is tir but no TIR project id is configured");
        }
        return Optional.empty();
    }

    private static boolean isBlank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }

    static Dialect dialect(QwenConfig config, ProviderId id) {
        return switch (id) {
            case AIMLAPI -> new AimlApiDialect(config.aimlapi().baseUrl(), config.aimlapi().model(),
                    config.aimlapi().jsonSchema());
            case TIR -> new TirDialect(config.tir().baseUrl(), config.tir().projectId().orElseThrow(),
                    config.tir().model(), config.tir().jsonSchema());
        };
    }

    private Upstream build(Dialect dialect) {
        LibraryInternals.readReasoningUnderEitherName(); // before the first client reads a reply
        String key = switch (dialect.id()) {
            case AIMLAPI -> config.aimlapi().apiKey().orElseThrow();
            case TIR -> config.tir().apiKey().orElseThrow();
        };
        OpenAiChatModel chat = OpenAiChatModel.builder()
                .baseUrl(dialect.chatBaseUrl())
                .apiKey(key)
                .modelName(dialect.model())
                .timeout(config.timeout())
                .maxRetries(0)
                .returnThinking(true)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new Upstream(dialect, chat, new LibraryInternals.Streamer(dialect.chatBaseUrl(), key, config.timeout()));
    }
}
