package dev.qwen.emulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The emulator's fault knob: half the calls fail, transiently, and the service's retries absorb them. */
@QuarkusTest
@TestProfile(EmulatorFaultsTest.HalfFaulty.class)
class EmulatorFaultsTest {

    public static class HalfFaulty implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.emulator.fault-rate", "0.5", "qwen.max-retries", "1",
                    "qwen.circuit-breaker.request-volume", "1000");
        }
    }

    @Test
    void injectedFaultsAreRetriedAway() {
        for (int i = 0; i < 6; i++) {
            given().contentType("application/json").body("{\"text\":\"Where is A100" + i + "?\"}")
                    .post("/api/v1/triage").then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").then().extract().asString();
        String retries = metrics.lines().filter(l -> l.startsWith("qwen_upstream_retries_total{provider=\"aimlapi\"}"))
                .findFirst().orElse("");
        // Faults are spread evenly (every second first attempt) and a retry of a failed call goes through.
        assertTrue(retries.startsWith("qwen_upstream_retries_total{provider=\"aimlapi\"} 3.0"),
                "every other first attempt failed and was retried once: " + retries);
    }
}
