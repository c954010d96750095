package dev.qwen.invoice;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.qwen.support.Upstream.aimlapiReply;
import static dev.qwen.support.Upstream.body;
import static dev.qwen.support.Upstream.lastUserText;
import static dev.qwen.support.Upstream.requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.qwen.support.Profiles;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Invoice extraction against a scripted provider: the arithmetic check and the schema repair share one loop,
 * each kind of fault gets one more call, and an invoice never costs more than three upstream calls.
 */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class InvoiceWireTest extends WireTest {

    static final String PATH = "/v1/chat/completions";
    static final String GOOD = """
            {"vendor":"ACME GmbH","invoiceNumber":"INV-7","issueDate":"2026-11-02","currency":"EUR",
             "lineItems":[{"description":"Hub","quantity":2,"unitPrice":39.90,"amount":79.80}],
             "subtotal":79.80,"tax":15.16,"total":94.96}""";
    static final String BAD_TOTAL = GOOD.replace("94.96", "99.99");
    static final String PROSE = "Sure! The invoice is from ACME GmbH and comes to 94.96 EUR.";
    static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));


    private io.restassured.response.ValidatableResponse extract() {
        return given().config(DECIMALS).contentType("application/json")
                .body("{\"text\":\"ACME GmbH invoice INV-7 ...\"}")
                .post("/api/v1/invoices/extract").then();
    }

    @Test
    void consistentExtractionIsReturnedAsItCame() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aimlapiReply(GOOD, "")));

        extract().statusCode(200).header("X-Provider", "aimlapi")
                .body("vendor", is("ACME GmbH"))
                .body("issueDate", is("2026-11-02"))
                .body("lineItems[0].amount", closeTo(new BigDecimal("79.80"), new BigDecimal("0.001")))
                .body("total", closeTo(new BigDecimal("94.96"), new BigDecimal("0.001")));
        assertEquals(1, requests(wire).size());
        assertTrue(body(requests(wire).get(0)).path("response_format").path("json_schema").path("schema")
                .path("properties").has("lineItems"));
    }

    @Test
    void aDiscrepancyIsNamedToTheModelOnceAndTheCorrectionIsReturned() {
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("fix").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aimlapiReply(BAD_TOTAL, "")).willSetStateTo("fixed"));
        wire.stubFor(post(urlPathEqualTo(PATH)).inScenario("fix").whenScenarioStateIs("fixed")
                .willReturn(aimlapiReply(GOOD, "")));

        extract().statusCode(200).body("total", closeTo(new BigDecimal("94.96"), new BigDecimal("0.001")));

        assertEquals(2, requests(wire).size());
        String correction = lastUserText(body(requests(wire).get(1)));
        assertTrue(correction.startsWith("Invoice text:\nACME GmbH invoice INV-7"), "asked afresh, text first: " + correction);
        assertTrue(correction.contains("but total is 99.99"), correction);
        assertTrue(correction.contains("\"total\":99.99"), "the previous extraction is shown: " + correction);
    }

    @Test
    void stillInconsistentAfterTheCorrectionIs422WithTheLastExtraction() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aimlapiReply(BAD_TOTAL, "")));

        extract().statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("inconsistent_output"))
                .body("detail", containsString("total"))
                .body("extraction.invoiceNumber", is("INV-7"))
                .body("extraction.total", closeTo(new BigDecimal("99.99"), new BigDecimal("0.001")));
        assertEquals(2, requests(wire).size(), "exactly one correction round");
    }

    @Test
    void anUnparseableAnswerIsRepairedOnceAndTheRepairIsReturned() {
        script(aimlapiReply(PROSE, ""), aimlapiReply(GOOD, ""));

        extract().statusCode(200).body("total", closeTo(new BigDecimal("94.96"), new BigDecimal("0.001")));

        assertEquals(2, requests(wire).size());
        String repair = body(requests(wire).get(1)).path("messages").toString();
        assertTrue(repair.contains("could not be used") && repair.contains("Sure! The invoice"), repair);
    }

    @Test
    void anUnparseableAnswerTwiceIs502AfterTwoCalls() {
        script(aimlapiReply(PROSE, ""));

        extract().statusCode(502).body("code", is("invalid_model_output"));
        assertEquals(2, requests(wire).size(), "one repair round, no arithmetic round without an extraction");
    }

    @Test
    void aRepairedAnswerThatDoesNotAddUpIsCorrectedOnceWithinThreeCalls() {
        script(aimlapiReply(PROSE, ""), aimlapiReply(BAD_TOTAL, ""), aimlapiReply(GOOD, ""));

        extract().statusCode(200).body("total", closeTo(new BigDecimal("94.96"), new BigDecimal("0.001")));

        assertEquals(3, requests(wire).size());
        String correction = lastUserText(body(requests(wire).get(2)));
        assertTrue(correction.startsWith("Invoice text:") && correction.contains("but total is 99.99"), correction);
    }

    @Test
    void aRepairedAnswerThatStillDoesNotAddUpAfterItsCorrectionIs422AfterThreeCalls() {
        script(aimlapiReply(PROSE, ""), aimlapiReply(BAD_TOTAL, ""));

        extract().statusCode(422)
                .body("code", is("inconsistent_output"))
                .body("extraction.total", closeTo(new BigDecimal("99.99"), new BigDecimal("0.001")));
        assertEquals(3, requests(wire).size());
    }

    @Test
    void aCorrectionThatComesBackUnparseableIsRepairedOnceWithinThreeCalls() {
        script(aimlapiReply(BAD_TOTAL, ""), aimlapiReply(PROSE, ""), aimlapiReply(GOOD, ""));

        extract().statusCode(200).body("total", closeTo(new BigDecimal("94.96"), new BigDecimal("0.001")));

        assertEquals(3, requests(wire).size());
        JsonNode repair = body(requests(wire).get(2));
        assertTrue(lastUserText(repair).contains("could not be used"), repair.toString());
        assertTrue(repair.path("messages").toString().contains("but total is 99.99"),
                "the repair continues the correction: " + repair);
    }

    @Test
    void noFourthCallWhenEveryKindOfFaultWasAskedAboutOnce() {
        // unparseable, repaired into a wrong sum, corrected into something unparseable: the repair is spent.
        script(aimlapiReply(PROSE, ""), aimlapiReply(BAD_TOTAL, ""), aimlapiReply(PROSE, ""), aimlapiReply(GOOD, ""));

        extract().statusCode(502).body("code", is("invalid_model_output"));
        assertEquals(3, requests(wire).size());
    }

    @Test
    void aCorrectionUnparseableTwiceIs502AfterThreeCalls() {
        script(aimlapiReply(BAD_TOTAL, ""), aimlapiReply(PROSE, ""), aimlapiReply(PROSE, ""), aimlapiReply(GOOD, ""));

        extract().statusCode(502).body("code", is("invalid_model_output"));
        assertEquals(3, requests(wire).size());
    }
}
