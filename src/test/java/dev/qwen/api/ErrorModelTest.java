package dev.qwen.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every failure is problem+json with the contract's status and code, and names the field at fault. */
@QuarkusTest
class ErrorModelTest {

    private static ValidatableResponse post(String path, String contentType, String body) {
        return given().contentType(contentType).body(body).post(path).then();
    }

    private static void isProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", is(status))
                .body("code", is(code))
                .body("type", containsString(code.replace('_', '-')))
                .body("title", not(nullValue()))
                .body("detail", not(nullValue()))
                .header("X-Provider", nullValue());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"text\": 5}                 | text",
            "{\"text\": true}              | text",
            "{\"text\": \"\"}              | text",
            "{}                            | text",
            "{\"text\": null}              | text",
            "[\"text\"]                    | body",
            "{\"text\": \"unterminated     | JSON",
            "null                          | body"
    })
    void badTriageInputIs400NamingTheField(String body, String named) {
        ValidatableResponse response = post("/api/v1/triage", "application/json", body);
        isProblem(response, 400, "invalid_request");
        response.body("detail", containsString(named));
    }

    @Test
    void tooLongTextIs400() {
        isProblem(post("/api/v1/triage", "application/json",
                "{\"text\":\"" + "x".repeat(20001) + "\"}"), 400, "invalid_request");
    }

    @Test
    void bodyOver256KiBIs413() {
        isProblem(post("/api/v1/triage", "application/json", "{\"text\":\"" + "x".repeat(300_000) + "\"}"),
                413, "payload_too_large");
    }

    @Test
    void aVeryLargeBodyIs413ProblemToo() {
        isProblem(post("/api/v1/assistant/chat", "application/json", "{\"message\":\"" + "x".repeat(3_000_000) + "\"}"),
                413, "payload_too_large");
    }

    @Test
    void chunkedBodyOver256KiBIs413Too() {
        byte[] body = ("{\"text\":\"" + "x".repeat(300_000) + "\"}").getBytes();
        ValidatableResponse response = given().contentType("application/json")
                .body(new java.io.ByteArrayInputStream(body)).post("/api/v1/triage").then();
        isProblem(response, 413, "payload_too_large");
    }

    @Test
    void theLimitIs256KiBExactlyDeclaredOrChunked() {
        String fits = "{\"text\":\"" + "x".repeat(256 * 1024 - 11) + "\"}";
        String over = "{\"text\":\"" + "x".repeat(256 * 1024 - 10) + "\"}";
        // A body of 256 KiB is read (and refused for its too-long text); one byte more is not read at all.
        isProblem(post("/api/v1/triage", "application/json", fits), 400, "invalid_request");
        isProblem(post("/api/v1/triage", "application/json", over), 413, "payload_too_large");
        isProblem(given().contentType("application/json").body(new java.io.ByteArrayInputStream(fits.getBytes()))
                .post("/api/v1/triage").then(), 400, "invalid_request");
        isProblem(given().contentType("application/json").body(new java.io.ByteArrayInputStream(over.getBytes()))
                .post("/api/v1/triage").then(), 413, "payload_too_large");
    }

    @Test
    void nonJsonBodyIs415() {
        isProblem(post("/api/v1/triage", "text/plain", "hello"), 415, "unsupported_media_type");
        isProblem(post("/api/v1/invoices/extract", "application/xml", "<a/>"), 415, "unsupported_media_type");
    }

    @Test
    void unknownPathIs404Problem() {
        isProblem(given().get("/api/v1/nothing-here").then(), 404, "not_found");
    }

    @Test
    void unknownPathOutsideTheApiIs404ProblemToo() {
        isProblem(given().get("/nothing-here").then(), 404, "not_found");
    }

    @Test
    void wrongMethodIs405Problem() {
        isProblem(given().delete("/api/v1/triage").then(), 405, "method_not_allowed");
    }

    @Test
    void unacceptableAcceptIs406Problem() {
        isProblem(given().contentType("application/json").accept("application/xml").body("{\"text\":\"hi\"}")
                .post("/api/v1/triage").then(), 406, "not_acceptable");
    }

    @Test
    void problemsCarryNoClassNamesOrStackTraces() {
        String body = post("/api/v1/triage", "application/json", "{\"text\": [1,2]}").extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.matches("(?s).*(\\bat [a-z]+\\.|java\\.|com\\.fasterxml|dev\\.qwen|Exception).*"),
                body);
    }
}
