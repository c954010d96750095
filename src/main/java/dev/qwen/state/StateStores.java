package dev.qwen.state;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.qwen.assistant.InMemorySessionStore;
import dev.qwen.assistant.SessionStore;
import dev.qwen.orders.InMemoryRefundLedger;
import dev.qwen.orders.RefundLedger;
import dev.qwen.provider.QwenConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Where sessions and refunds live, chosen by {@code qwen.state}: this instance's memory (one replica,
 * dev) or Redis (any number of replicas). Redis is only touched when chosen, so {@code memory} needs no
 * Redis at all.
 */
@ApplicationScoped
public class StateStores {

    private final QwenConfig config;
    private final Instance<RedisDataSource> redis;
    private final Optional<String> redisHosts;

    StateStores(QwenConfig config, Instance<RedisDataSource> redis,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> redisHosts) {
        this.config = config;
        this.redis = redis;
        this.redisHosts = redisHosts;
    }

    /** A Redis state without a Redis stops start-up with one line. */
    void check(@Observes StartupEvent event) {
        if (config.state() == QwenConfig.State.REDIS && redisHosts.map(String::isBlank).orElse(true)) {
            throw new ConfigurationException(
                    "Set QUARKUS_REDIS_HOSTS: qwen.state is redis but no Redis is configured (e.g. redis://redis:6379)");
        }
    }

    @Produces
    @ApplicationScoped
    SessionStore sessions() {
        return config.state() == QwenConfig.State.REDIS
                ? new RedisSessionStore(redis.get(), config.sessionTtl())
                : new InMemorySessionStore(config.sessionTtl());
    }

    @Produces
    @ApplicationScoped
    RefundLedger refunds() {
        return config.state() == QwenConfig.State.REDIS
                ? new RedisRefundLedger(redis.get())
                : new InMemoryRefundLedger();
    }
}
