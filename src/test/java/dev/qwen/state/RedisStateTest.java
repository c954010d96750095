package dev.qwen.state;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.langchain4j.invocation.InvocationParameters;
import dev.qwen.agent.RedisSessionStore;
import dev.qwen.common.WriteKey;
import dev.qwen.orders.OrderTools;
import dev.qwen.orders.RedisRefundLedger;
import dev.qwen.support.Profiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** qwen.state=redis against a real redis-server: sessions expire by Redis, refunds are atomic. */
@QuarkusTest
@TestProfile(Profiles.OnRedis.class)
class RedisStateTest {

    @Inject
    RedisDataSource redis;

    @Inject
    OrderTools tools;

    private static RequestSpecification caller() {
        return given().auth().oauth2(Profiles.OnRedis.SESSIONS_KEY);
    }

    @Test
    void sessionsLiveInRedisWithTheIdleExpiry() {
        caller().contentType("application/json").body("{\"sessionId\":\"redis-s1\",\"message\":\"My order is A1001.\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200);

        String key = RedisSessionStore.PREFIX + "redis-s1";
        String stored = redis.value(String.class).get(key);
        assertTrue(stored != null && stored.contains("My order is A1001."), String.valueOf(stored));
        long ttl = redis.key().ttl(key);
        assertTrue(ttl > Duration.ofMinutes(110).toSeconds() && ttl <= Duration.ofHours(2).toSeconds(), "ttl " + ttl);

        caller().contentType("application/json").body("{\"sessionId\":\"redis-s1\",\"message\":\"Where is it now?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200)
                .body("toolCalls[0].arguments.orderId", org.hamcrest.Matchers.is("A1001"));
    }

    @Test
    void aSessionStoredBeforeSessionsHadOwnersIsNobodys() {
        // The format before owners: the bare array of LangChain4j messages.
        String key = RedisSessionStore.PREFIX + "legacy-1";
        redis.value(String.class).setex(key, 3600, "[{\"contents\":[{\"text\":\"My card is 4111\",\"type\":\"TEXT\"}],"
                + "\"type\":\"USER\"}]");

        caller().get("/api/v1/assistant/sessions/legacy-1").then().statusCode(404);
        caller().contentType("application/json").body("{\"sessionId\":\"legacy-1\",\"message\":\"What is my card?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(404);
        caller().delete("/api/v1/assistant/sessions/legacy-1").then().statusCode(404);
        assertTrue(redis.value(String.class).get(key).contains("4111"), "left to expire, not overwritten");
    }

    @Test
    void twentyConcurrentRefundsOfFiftyOnA249OrderAcceptFour() throws Exception {
        redis.key().del(RedisRefundLedger.PREFIX + "A1002");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return tools.requestRefund("A1002", new BigDecimal("50"), "concurrent", null).status();
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<String> result : results) {
            accepted += "PENDING".equals(result.get()) ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(4, accepted);
        assertEquals("20000", redis.value(String.class).get(RedisRefundLedger.PREFIX + "A1002"), "cents in Redis");
        assertEquals(0, new BigDecimal("200.00").compareTo(tools.getOrder("A1002", null).refunded()));
    }

    @Test
    void aKeyedRefundAskedAgainIsMadeOnceAndAnswersAlike() {
        redis.key().del(RedisRefundLedger.PREFIX + "A1005");
        InvocationParameters request = InvocationParameters.from(WriteKey.PARAMETER, "write-key-1");
        OrderTools.RefundView first = tools.requestRefund("A1005", new BigDecimal("5"), "scratch", request);
        OrderTools.RefundView again = tools.requestRefund("A1005", new BigDecimal("5"), "scratch", request);

        assertEquals("PENDING", again.status());
        assertEquals(first.refundId(), again.refundId(), "the same refund");
        assertEquals("500", redis.value(String.class).get(RedisRefundLedger.PREFIX + "A1005"), "made once");
        long ttl = redis.key().pttl(RedisRefundLedger.KEY_PREFIX + sha256Of("write-key-1|A1005|5.00"));
        assertTrue(ttl > Duration.ofHours(23).toMillis(), "remembered for qwen.idempotency-ttl: " + ttl);

        tools.requestRefund("A1005", new BigDecimal("5"), "another one", null);
        assertEquals("1000", redis.value(String.class).get(RedisRefundLedger.PREFIX + "A1005"),
                "without a key, a refund of its own");
    }

    private static String sha256Of(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
