package dev.qwen.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code qwen.emulator.enabled=false} (its default) a dev or test build serves no emulator, and the
 * service treats the missing provider as one. A production build has no emulator at all, whatever the
 * configuration: {@link ProductionArtifactIT}.
 */
@QuarkusTest
@TestProfile(EmulatorOffTest.Off.class)
class EmulatorOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qwen.emulator.enabled", "false");
        }
    }

    @Test
    void emulatorIsUnreachable() {
        given().contentType("application/json").header("Authorization", "Bearer x")
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"enable_thinking\":false}")
                .post("/emulator/aimlapi/v1/chat/completions").then().statusCode(404);
    }

    @Test
    void aProviderAnswering404IsAProviderErrorNotRetried() {
        given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then()
                .statusCode(502).body("code", is("provider_error"));
    }
}
