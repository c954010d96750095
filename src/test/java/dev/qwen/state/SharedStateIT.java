package dev.qwen.state;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.qwen.emulator.EmulatorServer;
import dev.qwen.support.EmbeddedRedis;
import dev.qwen.support.PackagedService;
import io.restassured.response.ValidatableResponse;
import redis.embedded.RedisServer;

/**
 * Two real instances of the packaged service (prod profile, which has no emulator: both call one emulator
 * running beside them, in this JVM) sharing one real Redis: a session moves between them, survives a
 * restart, and refunds stay atomic across both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedStateIT {

    static RedisServer redis;
    static int redisPort;
    static EmulatorServer emulator;
    static final Map<Integer, Process> instances = new java.util.HashMap<>();
    static int a;
    static int b;
    static final String TEAM_A = "it-team-a-3c9d1e";
    static final String TEAM_B = "it-team-b-8f0a27";
    static final String OPS = "it-ops-6a2b91";

    @BeforeAll
    static void startRedisAndTwoInstances() {
        redisPort = EmbeddedRedis.freePort();
        redis = EmbeddedRedis.start(redisPort);
        emulator = EmulatorServer.start(0);
        a = EmbeddedRedis.freePort();
        b = EmbeddedRedis.freePort();
        start(a);
        start(b);
    }

    @AfterAll
    static void stopAll() throws IOException {
        instances.keySet().stream().toList().forEach(SharedStateIT::stop);
        if (redis != null) {
            redis.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static void start(int port) {
        start(port, "24h");
    }

    static void start(int port, String approvalTtl) {
        instances.put(port, PackagedService.start(port, "instance", Map.of(
                "QWEN_AIMLAPI_BASE_URL", emulator.aimlApiBaseUrl(),
                "QWEN_AIMLAPI_API_KEY", "it-key-not-secret",
                "QWEN_STATE", "redis",
                "APP_API_KEYS", "team-a:" + TEAM_A + ",team-b:" + TEAM_B + ",ops:" + OPS,
                "QWEN_APPROVALS_REFUND_ABOVE", "100",
                "QWEN_APPROVALS_APPROVERS", "ops",
                "QWEN_APPROVALS_TTL", approvalTtl,
                "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort)));
    }

    static void stop(int port) {
        Process process = instances.remove(port);
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ValidatableResponse chat(int port, String body) {
        return chat(port, TEAM_A, body);
    }

    static ValidatableResponse chat(int port, String key, String body) {
        return given().baseUri("http://127.0.0.1:" + port).auth().oauth2(key).contentType("application/json")
                .body(body).post("/api/v1/assistant/chat").then();
    }

    @Test
    @Order(1)
    void aSessionStartedOnOneInstanceContinuesOnTheOther() {
        chat(a, "{\"sessionId\":\"shared-1\",\"message\":\"Hello, my order is A1001.\"}").statusCode(200);

        chat(b, "{\"sessionId\":\"shared-1\",\"message\":\"Where is it now?\"}").statusCode(200)
                .body("toolCalls[0].arguments.orderId", org.hamcrest.Matchers.is("A1001"))
                .body("answer", org.hamcrest.Matchers.containsString("DHL"));
    }

    @Test
    @Order(2)
    void aRestartedInstanceContinuesTheSession() {
        stop(b);
        start(b);

        chat(b, "{\"sessionId\":\"shared-1\",\"message\":\"And now?\"}").statusCode(200)
                .body("toolCalls[0].arguments.orderId", org.hamcrest.Matchers.is("A1001"));
    }

    @Test
    @Order(3)
    void twentyConcurrentRefundsAcrossBothInstancesAcceptAtMostFour() {
        List<CompletableFuture<String>> refunds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int port = i % 2 == 0 ? a : b;
            refunds.add(CompletableFuture.supplyAsync(() -> chat(port,
                    "{\"message\":\"Please refund 50 EUR on A1002, it arrived broken\",\"toolChoice\":\"requestRefund\"}")
                    .statusCode(200).extract().path("toolCalls[0].result.status")));
        }
        long accepted = refunds.stream().map(CompletableFuture::join).filter("PENDING"::equals).count();

        assertEquals(4, accepted, "249.00 holds four refunds of 50, however the calls are spread");
        assertTrue(refunds.stream().map(CompletableFuture::join).allMatch(s -> s.equals("PENDING") || s.equals("REJECTED")));
    }

    @Test
    @Order(4)
    void anotherKeySeesNoneOfTheSessionOnEitherInstance() {
        chat(a, "{\"sessionId\":\"cust-77\",\"customerId\":\"C-100\",\"message\":\"My order is A1001.\"}")
                .statusCode(200);

        for (int port : List.of(a, b)) {
            given().baseUri("http://127.0.0.1:" + port).auth().oauth2(TEAM_B).get("/api/v1/assistant/sessions/cust-77")
                    .then().statusCode(404);
            given().baseUri("http://127.0.0.1:" + port).auth().oauth2(TEAM_B)
                    .delete("/api/v1/assistant/sessions/cust-77").then().statusCode(404);
            chat(port, TEAM_B, "{\"sessionId\":\"cust-77\",\"customerId\":\"C-100\",\"message\":\"hi\"}")
                    .statusCode(404);
            chat(port, TEAM_A, "{\"sessionId\":\"cust-77\",\"customerId\":\"C-200\",\"message\":\"hi\"}")
                    .statusCode(404);
        }
        given().baseUri("http://127.0.0.1:" + b).auth().oauth2(TEAM_A).get("/api/v1/assistant/sessions/cust-77")
                .then().statusCode(200).body("messages[0].content", org.hamcrest.Matchers.is("My order is A1001."));
    }

    static ValidatableResponse decide(int port, String key, String id, String decision) {
        return given().baseUri("http://127.0.0.1:" + port).auth().oauth2(key).contentType("application/json")
                .body("{\"decision\":\"" + decision + "\",\"note\":\"checked\"}").post("/api/v1/approvals/" + id).then();
    }

    static String heldRefund(int port, String sessionId) {
        return chat(port, "{\"sessionId\":\"" + sessionId + "\",\"message\":\"Please refund 150 EUR on A1002, it "
                + "arrived broken\",\"toolChoice\":\"requestRefund\"}").statusCode(200)
                .body("status", org.hamcrest.Matchers.is("approval_required"))
                .body("approvals[0].toolCall.name", org.hamcrest.Matchers.is("requestRefund"))
                .extract().path("approvals[0].id");
    }

    static double refunded(int port) {
        return ((Number) chat(port, "{\"message\":\"Status of A1002?\",\"toolChoice\":\"getOrder\"}").statusCode(200)
                .extract().path("toolCalls[0].result.refunded")).doubleValue();
    }

    @Test
    @Order(5)
    void anApprovalAskedOnOneInstanceIsDecidedOnTheOtherAndRefundsOnce() {
        EmbeddedRedis.delete(redisPort, "qwen:refunded:A1002");
        String id = heldRefund(a, "apr-shared-1");
        assertEquals(0.0, refunded(b), "nothing refunded while it waits");

        given().baseUri("http://127.0.0.1:" + b).auth().oauth2(OPS).get("/api/v1/approvals").then().statusCode(200)
                .body("approvals.id", org.hamcrest.Matchers.hasItem(id));
        decide(b, TEAM_A, id, "approve").statusCode(403).body("code", org.hamcrest.Matchers.is("forbidden"));
        decide(b, OPS, id, "approve").statusCode(200).body("status", org.hamcrest.Matchers.is("completed"))
                .body("sessionId", org.hamcrest.Matchers.is("apr-shared-1"));
        decide(a, OPS, id, "approve").statusCode(409).body("code", org.hamcrest.Matchers.is("approval_decided"));
        decide(a, OPS, id, "reject").statusCode(409).body("code", org.hamcrest.Matchers.is("approval_decided"));

        assertEquals(150.0, refunded(a), "refunded exactly once, whichever instance is asked");
    }

    @Test
    @Order(6)
    void anApprovalSurvivesARestartBetweenRequestAndDecision() {
        EmbeddedRedis.delete(redisPort, "qwen:refunded:A1002");
        String id = heldRefund(a, "apr-shared-2");
        stop(a);
        start(a);
        decide(a, OPS, id, "reject").statusCode(200).body("status", org.hamcrest.Matchers.is("completed"));
        assertEquals(0.0, refunded(b), "rejected: nothing refunded");
    }

    @Test
    @Order(7)
    void anExpiredApprovalIsNotFoundOnAnyInstanceAndTheSessionGoesOn() {
        stop(b);
        start(b, "2s");
        String id = heldRefund(b, "apr-shared-3");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> !given().baseUri("http://127.0.0.1:" + a).auth().oauth2(OPS).get("/api/v1/approvals")
                        .then().extract().jsonPath().getList("approvals.id").contains(id));
        decide(a, OPS, id, "approve").statusCode(404).body("code", org.hamcrest.Matchers.is("approval_not_found"));
        chat(a, "{\"sessionId\":\"apr-shared-3\",\"message\":\"And my refund?\"}").statusCode(200)
                .body("status", org.hamcrest.Matchers.is("completed"));
    }
}
