package dev.qwen.openai;

import static dev.qwen.support.Upstream.requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Under /v1 even the HTTP server's own refusals speak OpenAI's error shape; elsewhere they stay problems. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class OpenAiErrorShapeTest extends WireTest {

    private static final String OVERSIZED = "{\"model\":\"qwen3-32b\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "x".repeat(300 * 1024) + "\"}]}";

    @Test
    void anOversizedBodyUnderV1IsA413InOpenAisShape() {
        given().contentType("application/json").body(OVERSIZED).post("/v1/chat/completions").then()
                .statusCode(413)
                .contentType("application/json")
                .body("error.message", containsString("256 KiB"))
                .body("error.type", notNullValue())
                .body("code", is((Object) null));
        assertEquals(0, requests(wire).size(), "nothing reaches the provider");
    }

    @Test
    void anOversizedChunkedBodyUnderV1IsA413InOpenAisShapeToo() {
        // No Content-Length: the body is read on the event loop (api.BodyLimit) until it outgrows the limit.
        given().contentType("application/json").body(new java.io.ByteArrayInputStream(OVERSIZED.getBytes()))
                .post("/v1/chat/completions").then()
                .statusCode(413)
                .contentType("application/json")
                .body("error.message", containsString("256 KiB"))
                .body("code", is((Object) null));
        assertEquals(0, requests(wire).size(), "nothing reaches the provider");
    }

    @Test
    void theSameBodyElsewhereIsAProblem() {
        given().contentType("application/json").body(OVERSIZED).post("/api/v1/triage").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", is("payload_too_large"));
    }
}
