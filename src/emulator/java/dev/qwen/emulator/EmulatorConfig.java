package dev.qwen.emulator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The emulator's knobs ({@code qwen.emulator.*}, environment {@code QWEN_EMULATOR_*}). Inside the service
 * Quarkus maps them; the standalone {@link EmulatorServer} reads the same keys and defaults itself.
 */
@ConfigMapping(prefix = "qwen.emulator")
public interface EmulatorConfig {

    /** Serve {@code /emulator/**} inside the service (dev and test only: the production build has no emulator). */
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
