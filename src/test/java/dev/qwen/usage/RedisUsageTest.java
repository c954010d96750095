package dev.qwen.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.qwen.support.Profiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code qwen.state=redis} the per-key counters live in Redis (so every replica counts against the
 * same limit): what {@code /api/v1/usage} shows is what Redis holds, and a limit is reached by the shared
 * count, not by this instance's.
 */
@QuarkusTest
@TestProfile(Profiles.OnRedis.class)
class RedisUsageTest {

    static final String KEY = Profiles.OnRedis.USAGE_KEY;

    @Inject
    RedisDataSource redis;

    @Test
    void usageIsCountedInRedis() {
        given().auth().oauth2(KEY).contentType("application/json").body("{\"text\":\"Where is A1001?\"}")
                .post("/api/v1/triage").then().statusCode(200);

        String day = "qwen:usage:team:" + LocalDate.now(ZoneOffset.UTC);
        Map<String, String> stored = redis.hash(String.class).hgetall(day);
        assertEquals("1", stored.get("requests"), stored.toString());
        assertTrue(Long.parseLong(stored.get("promptTokens")) > 0, stored.toString());
        assertTrue(redis.key().ttl(day) > 0, "the day's counters expire");

        // Another replica's counts, written straight into the shared hash, are this key's usage too.
        redis.hash(String.class).hincrby(day, "promptTokens", 1000);
        given().auth().oauth2(KEY).get("/api/v1/usage").then().statusCode(200)
                .body("key", is("team")).body("requests", is(2))
                .body("promptTokens", greaterThan(1000));
    }

    @Test
    void theMinuteWindowIsShared() {
        long minute = java.time.Instant.now().getEpochSecond() / 60;
        // Replicas already used the whole minute (and the next, should it turn now).
        redis.value(Long.class).set("qwen:limits:team:" + minute, 1000L);
        redis.value(Long.class).set("qwen:limits:team:" + (minute + 1), 1000L);
        given().auth().oauth2(KEY).get("/api/v1/usage").then().statusCode(429).body("code", is("rate_limited"));
        redis.key().del("qwen:limits:team:" + minute, "qwen:limits:team:" + (minute + 1));
    }
}
