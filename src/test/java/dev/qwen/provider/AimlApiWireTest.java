package dev.qwen.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiError;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.lastUserText;
import static dev.qwen.support.Upstream.messages;
import static dev.qwen.support.Upstream.requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.qwen.support.LogCapture;
import dev.qwen.support.Profiles;
import dev.qwen.support.WireMockProvider;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The AI/ML API dialect on the wire: what the service sends and how it reads the answers. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class AimlApiWireTest extends WireTest {

    static final String PATH = "/v1/chat/completions";
    static final String TRIAGE_JSON = """
            {"category":"SHIPPING","priority":"HIGH","sentiment":"NEGATIVE","summary":"Parcel late.",
             "orderIds":["A1001"],"language":"en"}""";


    private void replies(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder reply) {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(reply));
    }

    private io.restassured.response.ValidatableResponse triage(String text) {
        return given().contentType("application/json").body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/triage").then();
    }

    @Test
    void requestBodiesGoAsCompactJson() {
        replies(aimlapiReply(TRIAGE_JSON, ""));

        triage("Where is A1001?").statusCode(200);

        // The extension's own writer indents; ours (put on the provider clients by UpstreamConnectionPool) does not.
        String sent = requests(wire).get(0).getBodyAsString();
        assertTrue(sent.startsWith("{\"") && !sent.contains("\n"), sent);
    }

    @Test
    void triageSendsTheAimlApiDialectWithThinkingOffAndAJsonSchema() {
        replies(aimlapiReply(TRIAGE_JSON, ""));

        triage("Where is my parcel {A1001}? It is late!")
                .statusCode(200)
                .header("X-Provider", "aimlapi")
                .body("category", is("SHIPPING"))
                .body("orderIds[0]", is("A1001"))
                .body("language", is("en"));

        List<LoggedRequest> sent = requests(wire);
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        assertEquals(PATH, request.getUrl());
        assertEquals("Bearer " + WireMockProvider.AIMLAPI_KEY, request.getHeader("Authorization"));
        JsonNode body = body(request);
        assertEquals("alibaba/qwen3-32b", body.path("model").asText());
        assertTrue(body.path("enable_thinking").isBoolean() && !body.path("enable_thinking").asBoolean(),
                "enable_thinking must be sent as false: " + body);
        assertFalse(body.has("thinking_budget"));
        assertFalse(body.has("chat_template_kwargs"), "TIR's switch does not belong on AI/ML API");
        assertEquals("json_schema", body.path("response_format").path("type").asText());
        JsonNode schema = body.path("response_format").path("json_schema").path("schema");
        assertTrue(schema.path("properties").has("category"), schema.toString());
        assertEquals(0.2, body.path("temperature").asDouble(), 1e-9, "typed calls run cool, not at 1.0");
        assertFalse(body.has("stream") && body.path("stream").asBoolean());
        assertFalse(body.has("tools"));
        List<JsonNode> system = messages(body, "system");
        assertEquals(1, system.size(), body.toString());
        assertTrue(system.get(0).path("content").asText().startsWith("You triage customer-support messages"), body.toString());
        assertEquals("Customer message:\nWhere is my parcel {A1001}? It is late!", lastUserText(body),
                "the customer's text verbatim, braces and all, after the lead-in");
        assertFalse(body.path("messages").toString().contains("/no_think"), "the soft switch is TIR's");
    }

    @Test
    void reasoningContentNeverReachesTheTypedResult() {
        replies(aimlapiReply(TRIAGE_JSON, "The user is upset {about a parcel}; SHIPPING fits."));

        triage("Where is my parcel A1001?").statusCode(200).body("summary", is("Parcel late."));
    }

    @Test
    void fencedJsonIsUnwrapped() {
        replies(aimlapiReply("```json\n" + TRIAGE_JSON + "\n```", ""));

        triage("Where is my parcel A1001?").statusCode(200).body("category", is("SHIPPING"));
    }

    @Test
    void unparseableOutputGetsOneRepairRoundThatNamesTheProblem() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("repair").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aimlapiReply("Sure! The category is SHIPPING.", "")).willSetStateTo("repaired"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("repair").whenScenarioStateIs("repaired")
                .willReturn(aimlapiReply(TRIAGE_JSON, "")));

        triage("Where is my parcel A1001?").statusCode(200).body("category", is("SHIPPING"));

        List<LoggedRequest> sent = requests(wire);
        assertEquals(2, sent.size());
        JsonNode repair = body(sent.get(1));
        String messages = repair.path("messages").toString();
        assertTrue(messages.contains("Sure! The category is SHIPPING."), "the bad reply is shown back");
        assertTrue(messages.contains("not valid JSON"), "the problem is named: " + messages);
        assertFalse(repair.path("enable_thinking").asBoolean(true));
    }

    @Test
    void outputStillWrongAfterTheRepairIs502InvalidModelOutput() {
        replies(aimlapiReply("{\"category\":\"WEATHER\",\"priority\":\"LOW\",\"sentiment\":\"NEUTRAL\","
                + "\"summary\":\"x\",\"orderIds\":[],\"language\":\"en\"}", ""));

        triage("Hello").statusCode(502)
                .contentType("application/problem+json")
                .header("X-Provider", "aimlapi")
                .body("code", is("invalid_model_output"))
                .body("status", is(502))
                .body("detail", containsString("category"));
        assertEquals(2, requests(wire).size(), "exactly one repair round");
    }

    @Test
    void providerRefusalIs502ProviderErrorWithoutRetry() {
        replies(aimlapiError(400, "Body validation failed"));

        triage("Hello").statusCode(502).body("code", is("provider_error"))
                .body("detail", containsString("400"));
        assertEquals(1, requests(wire).size(), "a 400 is never retried");
    }

    @Test
    void badKeyIs502ProviderErrorAndTheProviderBodyIsNotEchoed() {
        replies(aimlapiError(401, "Invalid key " + WireMockProvider.AIMLAPI_KEY));

        String body = triage("Hello").statusCode(502).body("code", is("provider_error")).extract().asString();
        assertFalse(body.contains(WireMockProvider.AIMLAPI_KEY));
        assertFalse(body.contains("Invalid key"));
        assertEquals(1, requests(wire).size(), "a 401 is never retried");
    }

    @Test
    void serverErrorsAreRetriedThen503ProviderUnavailable() {
        replies(aimlapiError(503, "overloaded"));

        triage("Hello").statusCode(503).body("code", is("provider_unavailable"))
                .header("Retry-After", notNullValue());
        assertEquals(2, requests(wire).size(), "qwen.max-retries=1: one try and one retry");
    }

    @Test
    void rateLimitHonoursRetryAfterThenAnswers429() {
        replies(aimlapiError(429, "Too many requests").withHeader("Retry-After", "1"));

        triage("Hello").statusCode(429).body("code", is("rate_limited"))
                .header("Retry-After", notNullValue());
        assertEquals(2, requests(wire).size());
    }

    @Test
    void slowProviderIs504ProviderTimeout() {
        replies(aimlapiReply(TRIAGE_JSON, "").withFixedDelay(4000));

        triage("Hello").statusCode(504).body("code", is("provider_timeout"));
    }

    @Test
    void keysNeverReachTheLogsEvenWhenTheProviderEchoesThem() {
        replies(aimlapiError(401, "Invalid key " + WireMockProvider.AIMLAPI_KEY + " for Bearer "
                + WireMockProvider.AIMLAPI_KEY));
        try (LogCapture logs = LogCapture.install()) {
            triage("Hello").statusCode(502);

            assertTrue(logs.all().contains("Invalid key ***"), "the provider's error is logged, redacted: "
                    + logs.all());
            assertFalse(logs.all().contains(WireMockProvider.AIMLAPI_KEY), logs.all());
            assertFalse(logs.all().contains("Exception"), "no class names or traces: " + logs.all());
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(WireMockProvider.AIMLAPI_KEY), "no key in metrics");
    }
}
