package dev.qwen.state;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.qwen.approvals.ApprovalStore;
import dev.qwen.approvals.InMemoryApprovalStore;
import dev.qwen.approvals.RedisApprovalStore;
import dev.qwen.agent.InMemorySessionStore;
import dev.qwen.agent.RedisSessionStore;
import dev.qwen.agent.SessionConfig;
import dev.qwen.agent.SessionStore;
import dev.qwen.idempotency.IdempotencyStore;
import dev.qwen.idempotency.InMemoryIdempotencyStore;
import dev.qwen.idempotency.RedisIdempotencyStore;
import dev.qwen.orders.InMemoryRefundLedger;
import dev.qwen.orders.RedisRefundLedger;
import dev.qwen.orders.RefundLedger;
import dev.qwen.usage.InMemoryUsageStore;
import dev.qwen.usage.OutageTolerantUsage;
import dev.qwen.usage.RedisUsageStore;
import dev.qwen.usage.UsageStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Where every store lives, chosen once by {@code qwen.state} ({@link #chosen}): this instance's memory (one
 * replica, dev) or Redis (any number of replicas). Sessions, refunds, idempotency records, and the per-key
 * limits and usage beside them. Redis is only touched when chosen, so {@code memory} needs no Redis at all.
 */
@ApplicationScoped
public class StateStores {

    private final StateConfig config;
    private final SessionConfig session;
    private final Instance<RedisDataSource> redis;
    private final Optional<String> redisHosts;

    StateStores(StateConfig config, SessionConfig session, Instance<RedisDataSource> redis,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> redisHosts) {
        this.config = config;
        this.session = session;
        this.redis = redis;
        this.redisHosts = redisHosts;
    }

    /** A Redis state without a Redis stops start-up with one line. */
    void check(@Observes StartupEvent event) {
        if (config.state() == StateConfig.State.REDIS && redisHosts.map(String::isBlank).orElse(true)) {
            throw new ConfigurationException(
                    "Set QUARKUS_REDIS_HOSTS: qwen.state is redis but no Redis is configured (e.g. redis://redis:6379)");
        }
    }

    @Produces
    @ApplicationScoped
    SessionStore sessions() {
        return chosen(redis -> new RedisSessionStore(redis, session.sessionTtl()),
                () -> new InMemorySessionStore(session.sessionTtl()));
    }

    @Produces
    @ApplicationScoped
    IdempotencyStore idempotency() {
        return chosen(redis -> new RedisIdempotencyStore(redis, config.idempotencyTtl()),
                () -> new InMemoryIdempotencyStore(config.idempotencyTtl()));
    }

    @Produces
    @ApplicationScoped
    ApprovalStore approvals(com.fasterxml.jackson.databind.ObjectMapper json) {
        return chosen(redis -> new RedisApprovalStore(redis, json), InMemoryApprovalStore::new);
    }

    @Produces
    @ApplicationScoped
    RefundLedger refunds() {
        return chosen(redis -> new RedisRefundLedger(redis, config.idempotencyTtl()),
                () -> new InMemoryRefundLedger(config.idempotencyTtl()));
    }

    /** On Redis, an outage skips the counting rather than failing calls that need no state ({@link OutageTolerantUsage}). */
    @Produces
    @ApplicationScoped
    UsageStore usage() {
        return chosen(redis -> new OutageTolerantUsage(new RedisUsageStore(redis)), InMemoryUsageStore::new);
    }

    /** The one choice between Redis and memory, for every store. */
    private <T> T chosen(Function<RedisDataSource, T> onRedis, Supplier<T> inMemory) {
        return config.state() == StateConfig.State.REDIS ? onRedis.apply(redis.get()) : inMemory.get();
    }
}
