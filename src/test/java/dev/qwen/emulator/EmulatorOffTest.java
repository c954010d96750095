package dev.qwen.emulator;

import static dev.qwen.support.Upstream.requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code qwen.emulator.enabled=false} (its default, and the WireMock profiles' setting) a dev or test build
 * serves no emulator, and a provider that answers 404, as a missing one does, is a provider error. A production
 * build has no emulator at all, whatever the configuration: {@link ProductionArtifactIT}.
 */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class EmulatorOffTest extends WireTest {

    @Test
    void emulatorIsUnreachable() {
        given().contentType("application/json").header("Authorization", "Bearer x")
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"enable_thinking\":false}")
                .post("/emulator/aimlapi/v1/chat/completions").then().statusCode(404);
    }

    @Test
    void aProviderAnswering404IsAProviderErrorNotRetried() {
        // No stub: the provider answers every call 404.
        given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then()
                .statusCode(502).body("code", is("provider_error"));
        assertEquals(1, requests(wire).size(), "not retried");
    }
}
