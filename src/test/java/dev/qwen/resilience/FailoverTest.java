package dev.qwen.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.tirReply;
import static dev.qwen.support.Upstream.tirStream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;


import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** AI/ML API primary, TIR fallback: who serves when the primary fails, and how the caller learns it. */
@QuarkusTest
@TestProfile(Profiles.Failover.class)
class FailoverTest extends WireTest {

    static final String AIMLAPI = "/v1/chat/completions";
    static final String TIR = "/project/p-777/genai/qwen3_32b/v1/chat/completions";
    static final String TRIAGE_JSON = "{\"category\":\"OTHER\",\"priority\":\"LOW\",\"sentiment\":\"NEUTRAL\","
            + "\"summary\":\"Hi.\",\"orderIds\":[],\"language\":\"en\"}";


    private int calls(String path) {
        return wire.findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    @Test
    void anExhaustedPrimaryFailsOverAndXProviderSaysWho() {
        wire.stubFor(post(urlPathEqualTo(AIMLAPI)).willReturn(aimlapiError(503, "down")));
        wire.stubFor(post(urlPathEqualTo(TIR)).willReturn(tirReply("<think>\n\n</think>\n\n" + TRIAGE_JSON)));

        given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then()
                .statusCode(200).header("X-Provider", "tir").body("category", is("OTHER"));
        assertEquals(2, calls(AIMLAPI), "the primary is retried first (max-retries=1)");
        assertEquals(1, calls(TIR));
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("qwen_failovers_total{from=\"aimlapi\",to=\"tir\"}"), "failover counted");
        assertTrue(metrics.contains("qwen_upstream_retries_total{provider=\"aimlapi\"}"), "retry counted");
        given().get("/api/v1/providers").then().body("primary", is("aimlapi")).body("fallback", is("tir"))
                .body("providers.name", org.hamcrest.Matchers.contains("aimlapi", "tir"));
    }

    @Test
    void creditsExhaustedFailsOverAtOnce() {
        wire.stubFor(post(urlPathEqualTo(AIMLAPI)).willReturn(aimlapiError(403, "no credits")));
        wire.stubFor(post(urlPathEqualTo(TIR)).willReturn(tirReply(TRIAGE_JSON)));

        given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then()
                .statusCode(200).header("X-Provider", "tir");
        assertEquals(1, calls(AIMLAPI));
    }

    @Test
    void aBadRequestDoesNotFailOver() {
        wire.stubFor(post(urlPathEqualTo(AIMLAPI)).willReturn(aimlapiError(400, "bad")));

        given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then()
                .statusCode(502).body("code", is("provider_error"));
        assertEquals(0, calls(TIR));
    }

    @Test
    void bothDownIs503() {
        wire.stubFor(post(urlPathEqualTo(AIMLAPI)).willReturn(aimlapiError(503, "down")));
        wire.stubFor(post(urlPathEqualTo(TIR)).willReturn(aimlapiError(502, "down too")));

        given().contentType("application/json").body("{\"text\":\"hello\"}").post("/api/v1/triage").then()
                .statusCode(503).body("code", is("provider_unavailable"));
        assertEquals(2, calls(AIMLAPI));
        assertEquals(2, calls(TIR));
    }

    @Test
    void aStreamFailsOverWhenThePrimaryFailsBeforeTheFirstEvent() {
        wire.stubFor(post(urlPathEqualTo(AIMLAPI)).willReturn(aimlapiError(503, "down")));
        wire.stubFor(post(urlPathEqualTo(TIR)).willReturn(tirStream("<think>\n\n</think>\n\nHello from TIR")));

        String body = given().contentType("application/json").accept("text/event-stream")
                .body("{\"message\":\"hi\",\"toolChoice\":\"none\"}")
                .post("/api/v1/assistant/chat/stream").then().statusCode(200).extract().asString();

        assertTrue(body.contains("event:done") && body.contains("\"provider\":\"tir\""), body);
        assertTrue(body.contains("TIR"), body);
        assertTrue(!body.contains("event:error"), body);
    }
}
