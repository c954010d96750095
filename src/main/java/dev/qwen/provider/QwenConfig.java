package dev.qwen.provider;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider room's {@code qwen.*} keys: which providers, how to reach them, and how hard to try.
 * Other rooms own their keys ({@code qwen.state}, {@code qwen.session-ttl}, {@code qwen.emulator.*}).
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

    Emulator emulator();

    CircuitBreaker circuitBreaker();

    Bulkhead bulkhead();

    /** Load shedding: at most {@code limit} upstream calls per provider at once, {@code queue} more may wait. */
    interface Bulkhead {
        @WithDefault("64")
        int limit();

        @WithDefault("64")
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

    interface AimlApi {
        @WithDefault("https://api.aimlapi.com/v1")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("alibaba/qwen3-32b")
        String model();

        /** Capability switch: send {@code response_format: json_schema}; off falls back to {@code json_object}. */
        @WithDefault("true")
        boolean jsonSchema();
    }

    interface Tir {
        @WithDefault("https://infer.e2enetworks.net")
        String baseUrl();

        Optional<String> projectId();

        Optional<String> apiKey();

        @WithDefault("qwen3_32b")
        String model();

        /** TIR does not document response_format; vLLM accepts json_schema when launched for it. */
        @WithDefault("true")
        boolean jsonSchema();
    }

    interface Emulator {
        @WithDefault("false")
        boolean enabled();

        /** Fixed delay before the emulator answers. */
        @WithDefault("0s")
        Duration latency();

        /** Streamed tokens per second; 0 streams as fast as possible. */
        @WithDefault("0")
        int tokenRate();

        /** Share of requests (0..1) answered with {@link #faultStatus()}, spread evenly, not at random. */
        @WithDefault("0")
        double faultRate();

        @WithDefault("503")
        int faultStatus();
    }
}
