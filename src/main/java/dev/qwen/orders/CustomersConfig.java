package dev.qwen.orders;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code qwen.customers.required}: every call that reaches the orders (the assistant, the order review, the
 * MCP order tools) must name the customer it acts for.
 */
@ConfigMapping(prefix = "qwen.customers")
public interface CustomersConfig {

    @WithDefault("false")
    boolean required();
}
