package dev.qwen.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.qwen.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With APP_API_KEYS set, /api/** needs a configured bearer key; health stays open. */
@QuarkusTest
@TestProfile(Profiles.ApiKeys.class)
class ApiKeyTest {

    private static final String BODY = "{\"text\":\"Where is A1001?\"}";

    @Test
    void missingKeyIs401() {
        given().contentType("application/json").body(BODY).post("/api/v1/triage").then()
                .statusCode(401).contentType("application/problem+json").body("code", is("unauthorized"))
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void wrongKeyIs401() {
        given().auth().oauth2("key-one-abX").contentType("application/json").body(BODY)
                .post("/api/v1/triage").then().statusCode(401).body("code", is("unauthorized"));
        given().header("Authorization", "Basic a2V5LW9uZS1hYmM=").get("/api/v1/providers").then()
                .statusCode(401);
    }

    @Test
    void anyConfiguredKeyIsAccepted() {
        given().auth().oauth2("key-one-abc").contentType("application/json").body(BODY)
                .post("/api/v1/triage").then().statusCode(200).body("orderIds[0]", is("A1001"));
        given().auth().oauth2("key-two-def").get("/api/v1/providers").then().statusCode(200);
    }

    @Test
    void authIsCheckedBeforeTheBodyIsRead() {
        given().contentType("application/json").body("{not json").post("/api/v1/triage").then().statusCode(401);
    }

    @Test
    void healthStaysOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
