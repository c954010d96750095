package dev.qwen.state;

import dev.qwen.idempotency.RedisIdempotencyStore;
import dev.qwen.idempotency.InMemoryIdempotencyStore;
import dev.qwen.idempotency.IdempotencyStore;
import java.util.Optional;

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
import dev.qwen.orders.InMemoryRefundLedger;
import dev.qwen.orders.RedisRefundLedger;
import dev.qwen.orders.RefundLedger;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Where sessions, refunds and idempotency records live, chosen by {@code qwen.state}: this instance's memory (one replica,
 * dev) or Redis (any number of replicas). Redis is only touched when chosen, so {@code memory} needs no
 * Redis at all.
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
        return config.state() == StateConfig.State.REDIS
                ? new RedisSessionStore(redis.get(), session.sessionTtl())
                : new InMemorySessionStore(session.sessionTtl());
    }

    @Produces
    @ApplicationScoped
    IdempotencyStore idempotency() {
        return config.state() == StateConfig.State.REDIS
                ? new RedisIdempotencyStore(redis.get(), config.idempotencyTtl())
                : new InMemoryIdempotencyStore(config.idempotencyTtl());
    }

    @Produces
    @ApplicationScoped
    ApprovalStore approvals(com.fasterxml.jackson.databind.ObjectMapper json) {
        return config.state() == StateConfig.State.REDIS ? new RedisApprovalStore(redis.get(), json)
                : new InMemoryApprovalStore();
    }

    @Produces
    @ApplicationScoped
    RefundLedger refunds() {
        return config.state() == StateConfig.State.REDIS
                ? new RedisRefundLedger(redis.get(), config.idempotencyTtl())
                : new InMemoryRefundLedger(config.idempotencyTtl());
    }
}
