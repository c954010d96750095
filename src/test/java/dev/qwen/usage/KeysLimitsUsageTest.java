package dev.qwen.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.qwen.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Named keys through Quarkus Security, per-key limits and {@code GET /api/v1/usage}, against the emulator:
 * the key's name is the caller everywhere (usage, the cost counter), the key itself nowhere.
 */
@QuarkusTest
@TestProfile(KeysLimitsUsageTest.Limited.class)
class KeysLimitsUsageTest {

    static final String ALICE = "sk-alice-5b1f0c";
    static final String RPM = "sk-rpm-77c2a9";
    static final String TOKENS = "sk-tokens-3e8d41";
    static final String BARE = "sk-bare-0a9c";

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.api-keys", "alice:" + ALICE + ",rpm:" + RPM + ",tokens:" + TOKENS + "," + BARE,
                    "qwen.limits.requests-per-minute", "4",
                    "qwen.limits.tokens-per-day", "1",
                    "qwen.aimlapi.price.input-per-million", "1.0",
                    "qwen.aimlapi.price.output-per-million", "4.0",
                    "qwen.price.currency", "EUR",
                    "qwen.swagger-ui.enabled", "true");
        }
    }

    private static Response triage(String key) {
        return given().auth().oauth2(key).contentType("application/json").body("{\"text\":\"Where is A1001?\"}")
                .post("/api/v1/triage");
    }

    @Test
    void usageShowsTheCallingKeysNameTokensAndCostForTheUtcDay() {
        try (LogCapture logs = LogCapture.install()) {
            given().auth().oauth2(ALICE).get("/api/v1/usage").then().statusCode(200)
                    .body("key", is("alice"))
                    .body("day", is(LocalDate.now(ZoneOffset.UTC).toString()))
                    .body("requests", is(1))
                    .body("promptTokens", is(0))
                    .body("cost.amount", is(0))
                    .body("cost.currency", is("EUR"));
            triage(ALICE).then().statusCode(200);
            Response usage = given().auth().oauth2(ALICE).get("/api/v1/usage");
            usage.then().statusCode(200).body("key", is("alice")).body("requests", is(3))
                    .body("promptTokens", greaterThan(0)).body("completionTokens", greaterThan(0))
                    .body("cost.amount", notNullValue());
            int prompt = usage.path("promptTokens");
            int completion = usage.path("completionTokens");
            double cost = Double.parseDouble(usage.jsonPath().getString("cost.amount"));
            assertEquals((prompt * 1.0 + completion * 4.0) / 1_000_000, cost, 1e-9);
            assertFalse(logs.all().contains(ALICE), "a key reached the log");
        }
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("qwen_cost_total") && l.contains("key=\"alice\"")
                && l.contains("endpoint=\"/api/v1/triage\"") && l.contains("provider=\"aimlapi\"")), metrics);
        assertFalse(metrics.contains(ALICE));
    }

    @Test
    void theAssistantsUsageCarriesItsCost() {
        given().auth().oauth2(BARE).contentType("application/json").body("{\"message\":\"Where is A1001?\"}")
                .post("/api/v1/assistant/chat").then().statusCode(200)
                .body("usage.cost.currency", is("EUR"))
                .body("usage.cost.amount", notNullValue());
    }

    @Test
    void swaggerUiIsServedWhenEnabled() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void aBareKeyIsNamedByItsPosition() {
        given().auth().oauth2(BARE).get("/api/v1/usage").then().statusCode(200).body("key", is("key4"));
    }

    @Test
    void aWrongKeyIsRefusedBeforeAnythingIsCounted() {
        given().auth().oauth2("sk-alice-5b1f0X").get("/api/v1/usage").then().statusCode(401)
                .contentType("application/problem+json").body("code", is("unauthorized"));
        given().get("/v1/models").then().statusCode(401).body("error.type", is("authentication_error"))
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void overTheRequestsPerMinuteTheKeyGets429WithRetryAfter() {
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 10; i++) {
            Response response = given().auth().oauth2(RPM).get("/api/v1/usage");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && refused == null) {
                refused = response;
            }
        }
        assertEquals(200, statuses.get(0));
        assertTrue(refused != null, "never limited: " + statuses);
        refused.then().contentType("application/problem+json").body("code", is("rate_limited"))
                .header("Retry-After", notNullValue());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // The OpenAI-compatible path says the same in OpenAI's words.
        given().auth().oauth2(RPM).get("/v1/models").then().statusCode(429)
                .body("error.type", is("rate_limit_error")).header("Retry-After", notNullValue());
    }

    @Test
    void overTheTokensPerDayTheKeyGets429UntilMidnightUtc() {
        triage(TOKENS).then().statusCode(200);
        Response refused = triage(TOKENS);
        refused.then().statusCode(429).body("code", is("rate_limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 86_401, "Retry-After " + retryAfter);
    }
}
