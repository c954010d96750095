package dev.qwen.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.qwen.common.RedisCalls;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sessions in Redis, shared by every replica: one string key per session holding the session as JSON
 * ({@link SessionJson}: its owner, its window in LangChain4j's message JSON, its calls waiting for a decision). Reading refreshes the expiry (GETEX) and writing sets it, so a session
 * expires after {@code qwen.session-ttl} of idleness, by Redis itself.
 *
 * <p>
 * The lease is a key of its own holding a random token ({@code SET NX PX}), renewed while the turn runs and
 * given back at its end, so a replica that dies mid-turn frees the session within {@link #LEASE}. The window is
 * written by a script only while the token is still the lease's: a turn that lost its lease writes nothing.
 */
public class RedisSessionStore implements SessionStore {

    public static final String PREFIX = "qwen:session:";
    public static final String LOCK_PREFIX = "qwen:session-lock:";

    /** How long a lease lives unless renewed; renewed every third of it. */
    static final Duration LEASE = Duration.ofSeconds(15);

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";
    private static final String SAVE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";

    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "session-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private final RedisDataSource redis;
    private final Duration ttl;

    public RedisSessionStore(RedisDataSource redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public Lease lock(String sessionId, Duration wait) {
        String key = LOCK_PREFIX + sessionId;
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 20;
        while (true) {
            Response taken = RedisCalls.call(
                    () -> redis.execute("SET", key, token, "NX", "PX", String.valueOf(LEASE.toMillis())));
            if (taken != null) {
                return new RedisLease(sessionId, key, token);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SessionBusyException();
            }
            try {
                Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionBusyException();
            }
            pause = Math.min(pause * 2, 250);
        }
    }

    /** A held lease: renewed in the background until closed; {@code lost} once a renewal found it gone. */
    private final class RedisLease implements Lease {
        private final String sessionId;
        private final String key;
        private final String token;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final ScheduledFuture<?> renewal;

        RedisLease(String sessionId, String key, String token) {
            this.sessionId = sessionId;
            this.key = key;
            this.token = token;
            long every = LEASE.toMillis() / 3;
            this.renewal = RENEWALS.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                redis.execute("EVAL", RENEW, "1", key, token, String.valueOf(LEASE.toMillis()));
            } catch (RuntimeException e) {
                // Redis away for a moment: the save checks the token, so a lease that expired meanwhile writes nothing
            }
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                renewal.cancel(false);
                try {
                    redis.execute("EVAL", RELEASE, "1", key, token);
                } catch (RuntimeException e) {
                    // unreachable now: the lease expires by itself within LEASE
                }
            }
        }
    }

    @Override
    public Optional<Stored> load(String sessionId) {
        Response json = RedisCalls.call(() -> redis.execute("GETEX", PREFIX + sessionId, "PX",
                String.valueOf(ttl.toMillis())));
        return json == null ? Optional.empty()
                : Optional.of(SessionJson.read(json.toString(), Instant.now().plus(ttl)));
    }

    @Override
    public void save(Lease lease, Stored session) {
        RedisLease held = (RedisLease) lease;
        String json = SessionJson.write(session);
        Response written = RedisCalls.call(() -> redis.execute("EVAL", SAVE, "2", held.key, PREFIX + held.sessionId,
                held.token, json, String.valueOf(ttl.toMillis())));
        if (written == null || written.toInteger() != 1) {
            throw new SessionBusyException();
        }
    }

    @Override
    public Optional<Stored> find(String sessionId) {
        String key = PREFIX + sessionId;
        Response json = RedisCalls.call(() -> redis.execute("GET", key));
        if (json == null) {
            return Optional.empty();
        }
        Response ttlLeft = RedisCalls.call(() -> redis.execute("PTTL", key));
        long millis = ttlLeft == null ? -1 : ttlLeft.toLong();
        Instant expiresAt = Instant.now().plusMillis(millis > 0 ? millis : ttl.toMillis());
        return Optional.of(SessionJson.read(json.toString(), expiresAt));
    }

    @Override
    public boolean delete(String sessionId) {
        Response deleted = RedisCalls.call(() -> redis.execute("DEL", PREFIX + sessionId));
        return deleted != null && deleted.toInteger() > 0;
    }
}
