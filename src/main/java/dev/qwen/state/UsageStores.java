package dev.qwen.state;

import dev.qwen.usage.OutageTolerantUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.qwen.usage.InMemoryUsageStore;
import dev.qwen.usage.RedisUsageStore;
import dev.qwen.usage.UsageStore;
import io.quarkus.redis.datasource.RedisDataSource;

/** Where per-key limits and usage are counted: beside the sessions, by {@code qwen.state}. */
@ApplicationScoped
public class UsageStores {

    private final StateConfig config;
    private final Instance<RedisDataSource> redis;

    UsageStores(StateConfig config, Instance<RedisDataSource> redis) {
        this.config = config;
        this.redis = redis;
    }

    @Produces
    @ApplicationScoped
    UsageStore usage() {
        return config.state() == StateConfig.State.REDIS ? new OutageTolerantUsage(new RedisUsageStore(redis.get()))
                : new InMemoryUsageStore();
    }
}
