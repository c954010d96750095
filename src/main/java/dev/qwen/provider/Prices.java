package dev.qwen.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-million-token prices per provider, from configuration only ({@code qwen.<provider>.price.*}): no price
 * is assumed, so a provider without both prices leaves {@code cost} null. Reasoning tokens are part of the
 * completion count and are billed as output.
 */
@ApplicationScoped
public class Prices {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final QwenConfig config;

    Prices(QwenConfig config) {
        this.config = config;
    }

    /** {@code usage} with its cost on {@code provider}, or unchanged when that provider has no prices. */
    public Usage price(ProviderId provider, Usage usage) {
        QwenConfig.Price price = config.section(provider).price();
        Optional<BigDecimal> input = price.inputPerMillion();
        Optional<BigDecimal> output = price.outputPerMillion();
        if (input.isEmpty() || output.isEmpty()) {
            return usage;
        }
        BigDecimal amount = input.get().multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(output.get().multiply(BigDecimal.valueOf(usage.completionTokens())))
                .divide(MILLION, 9, RoundingMode.HALF_UP).stripTrailingZeros();
        return usage.withCost(new Usage.Cost(amount, currency()));
    }

    /** Whether any configured provider has both prices. */
    public boolean configured() {
        return Arrays.stream(ProviderId.values()).anyMatch(id -> complete(config.section(id).price()));
    }

    private static boolean complete(QwenConfig.Price price) {
        return price.inputPerMillion().isPresent() && price.outputPerMillion().isPresent();
    }

    public String currency() {
        return config.price().currency();
    }
}
