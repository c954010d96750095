package dev.qwen.provider;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider package's {@code qwen.*} keys: which providers, how to reach them, and how hard to try.
 * Other packages own their keys ({@code qwen.state}, {@code qwen.session-ttl}, {@code qwen.emulator.*}).
 */
@ConfigMapping(prefix = "qwen")
public interface QwenConfig {

    @WithDefault("aimlapi")
    ProviderId provider();

    Optional<ProviderId> fallbackProvider();

    AimlApi aimlapi();

    Tir tir();

    /** Bounds each upstream call (connect and read). The library's 10 s is too short for a reasoning model. */
    @WithDefault("60s")
    Duration timeout();

    @WithDefault("2")
    int maxRetries();

    CircuitBreaker circuitBreaker();

    Bulkhead bulkhead();

    /** {@code qwen.price.currency}: the currency of every configured price. */
    Pricing price();

    interface Pricing {
        @WithDefault("USD")
        String currency();
    }

    /** {@code qwen.<provider>.price.*}: per-million-token prices; none by default (no cost is reported). */
    interface Price {
        Optional<java.math.BigDecimal> inputPerMillion();

        Optional<java.math.BigDecimal> outputPerMillion();
    }

    /**
     * Load shedding: at most {@code limit} upstream calls per provider at once, {@code queue} more may wait
     * (on virtual threads: a waiting or running call holds no platform thread). Sized for model calls of
     * seconds to a minute: one call in flight costs about 45 KB of live heap (measured with 1,000 held
     * open against a slow upstream), so the default 1,000 costs about 45 MB. The providers' connection
     * pools follow {@code limit} ({@link UpstreamConnectionPool}); the Knative {@code containerConcurrency}
     * and the autoscaling target in the manifests are set from the same number.
     */
    interface Bulkhead {
        @WithDefault("1000")
        int limit();

        @WithDefault("250")
        int queue();
    }

    /** Per-provider circuit: opens when this share of the last requests failed; probes again after the delay. */
    interface CircuitBreaker {
        @WithDefault("10")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("30s")
        Duration delay();
    }

    /** The section of {@code id}'s keys: where a provider id meets its configuration. */
    default Provider section(ProviderId id) {
        return switch (id) {
            case AIMLAPI -> aimlapi();
            case TIR -> tir();
        };
    }

    /** What every provider's section has; each section below sets its own defaults. */
    interface Provider {
        String baseUrl();

        Optional<String> apiKey();

        /** The model id sent to the provider. */
        String model();

        /**
         * Capability switch: send {@code response_format: json_schema}; off falls back to {@code json_object}.
         * On for both: TIR does not document response_format, but vLLM accepts json_schema when launched for it.
         */
        @WithDefault("true")
        boolean jsonSchema();

        Price price();
    }

    interface AimlApi extends Provider {
        @Override
        @WithDefault("https://api.aimlapi.com/v1")
        String baseUrl();

        @Override
        @WithDefault(AimlApiDialect.MODEL)
        String model();
    }

    interface Tir extends Provider {
        @Override
        @WithDefault("https://infer.e2enetworks.net")
        String baseUrl();

        Optional<String> projectId();

        @Override
        @WithDefault(TirDialect.MODEL)
        String model();
    }
}
