package dev.qwen.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final Map<ProviderId, ProviderClient> clients = new EnumMap<>(ProviderId.class);
    private final List<ProviderClient> order = new ArrayList<>();

    ProviderRegistry(QwenConfig config) {
        this.config = config;
        for (ProviderId id : configuredIds(config)) {
            configProblem(config, id).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
            ProviderClient client = build(dialect(config, id));
            clients.put(id, client);
            order.add(client);
        }
    }

    /** Start-up fails here, with one line, rather than at the first request. */
    void checkAtStartup(@Observes StartupEvent event) {
        order.size();
    }

    ProviderClient primary() {
        return order.get(0);
    }

    Optional<ProviderClient> fallback() {
        return order.size() > 1 ? Optional.of(order.get(1)) : Optional.empty();
    }

    /** Primary first, then the fallback when one is configured. */
    List<ProviderClient> inOrder() {
        return Collections.unmodifiableList(order);
    }

    ProviderClient get(ProviderId id) {
        return clients.get(id);
    }

    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (ProviderId id : ProviderId.values()) {
            config.section(id).apiKey().ifPresent(secrets::add);
        }
        return secrets;
    }

    /**
     * Every provider model id the service answers to: each provider's configured id, and the id it documents.
     * The documented ones stay accepted when configuration names another model, so that a caller written
     * against the provider's own id keeps working whatever this deployment sends upstream.
     */
    public static Set<String> modelIds(QwenConfig config) {
        Set<String> ids = new LinkedHashSet<>();
        for (ProviderId id : ProviderId.values()) {
            ids.add(id.documentedModel());
            ids.add(config.section(id).model());
        }
        return ids;
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

    private ProviderClient build(Dialect dialect) {
        LibraryInternals.readReasoningUnderEitherName(); // before the first client reads a reply
        String key = config.section(dialect.id()).apiKey().orElseThrow();
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
        return new ProviderClient(dialect, chat, new LibraryInternals.Streamer(dialect, key, config.timeout()));
    }
}
