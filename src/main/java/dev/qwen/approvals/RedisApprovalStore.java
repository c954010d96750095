package dev.qwen.approvals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.common.RedisCalls;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Approvals in Redis, shared by every replica: one key per approval holding its JSON, expiring with the
 * approval, and a set indexing them (pruned of expired ids as they are listed). A decision is written by a
 * script only while the stored approval is undecided, so the first decision wins across replicas.
 */
public class RedisApprovalStore implements ApprovalStore {

    static final String PREFIX = "qwen:approval:";
    static final String INDEX = "qwen:approvals";

    /** KEYS[1] the approval; ARGV[1] its decided JSON. Answers the approval as stored after the script. */
    private static final String DECIDE = """
            local current = redis.call('GET', KEYS[1])
            if not current then
              return false
            end
            if cjson.decode(current)['decision'] ~= cjson.null then
              return current
            end
            redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
            return ARGV[1]""";

    private final RedisDataSource redis;
    private final ObjectMapper json;

    public RedisApprovalStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public void save(Approval approval) {
        long ttl = Math.max(1, Duration.between(Instant.now(), approval.expiresAt()).toMillis());
        String value = write(approval);
        RedisCalls.run(() -> {
            redis.execute("SET", PREFIX + approval.id(), value, "PX", String.valueOf(ttl));
            redis.execute("SADD", INDEX, approval.id());
        });
    }

    @Override
    public Optional<Approval> find(String id) {
        Response value = RedisCalls.call(() -> redis.execute("GET", PREFIX + id));
        return value == null ? Optional.empty() : Optional.of(read(value.toString()));
    }

    @Override
    public List<Approval> pending() {
        Response ids = RedisCalls.call(() -> redis.execute("SMEMBERS", INDEX));
        List<Approval> pending = new ArrayList<>();
        if (ids == null) {
            return pending;
        }
        for (Response id : ids) {
            Optional<Approval> approval = find(id.toString());
            if (approval.isEmpty()) {
                RedisCalls.run(() -> redis.execute("SREM", INDEX, id.toString())); // expired
            } else if (approval.get().pending()) {
                pending.add(approval.get());
            }
        }
        pending.sort(Comparator.comparing(Approval::createdAt));
        return pending;
    }

    @Override
    public Optional<Approval> decide(Approval decided) {
        Response now = RedisCalls.call(() -> redis.execute("EVAL", DECIDE, "1", PREFIX + decided.id(), write(decided)));
        return now == null ? Optional.empty() : Optional.of(read(now.toString()));
    }

    @Override
    public void complete(String id) {
        find(id).ifPresent(approval -> RedisCalls.run(() -> redis.execute("SET", PREFIX + id, write(approval.done()),
                "KEEPTTL")));
    }

    private String write(Approval approval) {
        try {
            return json.writeValueAsString(approval);
        } catch (Exception e) {
            throw new IllegalStateException("approval not serialisable", e);
        }
    }

    private Approval read(String value) {
        try {
            return json.readValue(value, Approval.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored approval is not readable", e);
        }
    }
}
