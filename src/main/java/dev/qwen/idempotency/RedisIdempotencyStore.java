package dev.qwen.idempotency;

import dev.qwen.common.RedisCalls;
import java.time.Duration;
import java.util.UUID;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;

/**
 * Idempotency records in Redis, shared by every replica: one key per caller and Idempotency-Key. Claiming is
 * one {@code SET NX}, completing and releasing are scripts that act only for the claim's owner, so two replicas
 * can never both run a request, and a late answer never replaces a newer claim.
 */
public class RedisIdempotencyStore implements IdempotencyStore {

    public static final String PREFIX = "qwen:idempotency:";

    private static final String COMPLETE = """
            local v = redis.call('GET', KEYS[1])
            if v and cjson.decode(v)['owner'] == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";
    private static final String RELEASE = """
            local v = redis.call('GET', KEYS[1])
            if v and cjson.decode(v)['owner'] == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    private static final String RENEW = """
            local v = redis.call('GET', KEYS[1])
            if v then
              local record = cjson.decode(v)
              if record['owner'] == ARGV[1] and record['state'] == 'running' then
                return redis.call('PEXPIRE', KEYS[1], ARGV[2])
              end
            end
            return 0""";

    private final RedisDataSource redis;
    private final Duration ttl;

    public RedisIdempotencyStore(RedisDataSource redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public Claim claim(String key, String fingerprint) {
        String owner = UUID.randomUUID().toString();
        String running = IdempotencyStore.running(fingerprint, owner).encode();
        while (true) {
            Response set = RedisCalls.call(() -> redis.execute("SET", PREFIX + key, running, "NX", "PX",
                    String.valueOf(RUNNING.toMillis())));
            if (set != null) {
                return new Started(owner);
            }
            Response existing = RedisCalls.call(() -> redis.execute("GET", PREFIX + key));
            if (existing != null) {
                return IdempotencyStore.found(new JsonObject(existing.toString()), fingerprint);
            }
            // expired between the two commands: claim again
        }
    }

    @Override
    public void complete(String key, String owner, Answer answer) {
        Response current = RedisCalls.call(() -> redis.execute("GET", PREFIX + key));
        if (current == null) {
            return;
        }
        String fingerprint = new JsonObject(current.toString()).getString("fingerprint");
        RedisCalls.run(() -> redis.execute("EVAL", COMPLETE, "1", PREFIX + key, owner,
                IdempotencyStore.done(fingerprint, owner, answer).encode(), String.valueOf(ttl.toMillis())));
    }

    @Override
    public void release(String key, String owner) {
        RedisCalls.run(() -> redis.execute("EVAL", RELEASE, "1", PREFIX + key, owner));
    }

    @Override
    public void renew(String key, String owner) {
        RedisCalls.run(() -> redis.execute("EVAL", RENEW, "1", PREFIX + key, owner,
                String.valueOf(RUNNING.toMillis())));
    }
}
