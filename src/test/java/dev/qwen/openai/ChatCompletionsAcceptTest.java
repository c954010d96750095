package dev.qwen.openai;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a caller may put in {@code Accept} for /v1/chat/completions: a stream answers text/event-stream whether
 * the caller names that (curl and SSE clients do), JSON (OpenAI's SDKs do) or anything; a plain request
 * answers JSON even to a caller that asked for events; refusals keep OpenAI's error shape.
 */
@QuarkusTest
class ChatCompletionsAcceptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final String STREAM = "{\"model\":\"qwen3-32b\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

    @ParameterizedTest
    @ValueSource(strings = { "text/event-stream", "*/*", "application/json", "application/json, text/event-stream" })
    void aStreamIsAnsweredToEveryAcceptACallerSends(String accept) throws Exception {
        Response response = given().contentType("application/json").accept(accept).body(STREAM).post(CHAT).then()
                .statusCode(200)
                .contentType(containsString("text/event-stream"))
                .extract().response();

        assertEquals(List.of("aimlapi"), response.headers().getValues("X-Provider"));
        String body = response.asString();
        assertTrue(text(body).contains("Say hello"), body);
        assertTrue(body.strip().endsWith("data: [DONE]"), body);
    }

    /** The streamed answer: the content of every chunk's delta, in order. */
    private static String text(String events) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : events.split("\n")) {
            if (line.startsWith("data: {")) {
                JSON.readTree(line.substring(6)).path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }

    @Test
    void aStreamWithoutAnyAcceptIsAnsweredToo() {
        String body = given().contentType("application/json").body(STREAM).post(CHAT).then()
                .statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        assertTrue(body.strip().endsWith("data: [DONE]"), body);
    }

    @Test
    void aPlainRequestAnswersJsonToACallerThatAskedForEvents() {
        Response response = given().contentType("application/json").accept("text/event-stream")
                .body("{\"model\":\"qwen3-32b\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}")
                .post(CHAT).then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("object", is("chat.completion"))
                .body("choices[0].message.content", containsString("Say hello"))
                .extract().response();
        assertEquals(List.of("aimlapi"), response.headers().getValues("X-Provider"));
    }

    @Test
    void aRefusedStreamIsAnOpenAiErrorWhateverTheAccept() {
        given().contentType("application/json").accept("text/event-stream")
                .body("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post(CHAT).then()
                .statusCode(404)
                .contentType(containsString("application/json"))
                .body("error.code", is("model_not_found"))
                .body("error.type", is("invalid_request_error"));
    }

    @Test
    void anAcceptThatNamesNeitherIsA406InOpenAisShape() {
        given().contentType("application/json").accept("text/html").body(STREAM).post(CHAT).then()
                .statusCode(406)
                .contentType(containsString("application/json"))
                .body("error.code", is("not_acceptable"))
                .body("error.type", is("invalid_request_error"));
    }
}
