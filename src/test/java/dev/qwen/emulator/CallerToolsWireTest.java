package dev.qwen.emulator;

import static dev.qwen.emulator.EmulatorServerTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A caller's tool and {@code max_tokens} in both dialects' wire shapes, plain and streamed, over HTTP. */
class CallerToolsWireTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":" + CallerToolsTest.WEATHER + "}]";
    static final String ASK = "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Lisbon?\"}]";

    static EmulatorServer server;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(0, StandaloneConfig.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String aimlapi() {
        return server.aimlApiBaseUrl() + "/chat/completions";
    }

    static String tir() {
        return server.tirBaseUrl() + "/project/p-7/genai/qwen3_32b/v1/chat/completions?project_id=7";
    }

    static JsonNode completion(String url, String body) throws Exception {
        HttpResponse<String> response = post(url, body, "k");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("choices").path(0);
    }

    @Test
    void aCallersToolIsCalledInEachDialectsShape() throws Exception {
        JsonNode aimlapi = completion(aimlapi(), "{\"model\":\"m\",\"enable_thinking\":false," + TOOLS + "," + ASK + "}");
        assertEquals("tool_calls", aimlapi.path("finish_reason").asText());
        assertEquals("getWeather", aimlapi.path("message").path("tool_calls").path(0).path("function").path("name").asText());
        assertEquals("{\"city\":\"Lisbon\"}",
                aimlapi.path("message").path("tool_calls").path(0).path("function").path("arguments").asText());
        assertTrue(aimlapi.path("message").path("content").isNull());

        JsonNode tir = completion(tir(), "{\"model\":\"qwen3_32b\",\"chat_template_kwargs\":{\"enable_thinking\":false},"
                + TOOLS + "," + ASK + "}");
        assertEquals("tool_calls", tir.path("finish_reason").asText());
        assertEquals("<think>\n</think>\n\n", tir.path("message").path("content").asText(), "TIR keeps its empty think block");
        assertEquals("{\"city\":\"Lisbon\"}",
                tir.path("message").path("tool_calls").path(0).path("function").path("arguments").asText());

        String sse = post(tir(), "{\"model\":\"qwen3_32b\",\"stream\":true," + TOOLS + "," + ASK + "}", "k").body();
        assertTrue(sse.contains("\"name\":\"getWeather\"") && sse.contains("\"finish_reason\":\"tool_calls\"")
                && sse.strip().endsWith("data: [DONE]"), sse);
    }

    @Test
    void maxTokensEndsTheAnswerWithLengthInEachDialect() throws Exception {
        String ask = "\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me all about Lisbon's history.\"}]";
        JsonNode aimlapi = completion(aimlapi(), "{\"model\":\"m\",\"enable_thinking\":false," + ask + "}");
        assertEquals("length", aimlapi.path("finish_reason").asText());
        assertTrue(aimlapi.path("message").path("content").asText().length() <= 16, aimlapi.toString());

        JsonNode tir = completion(tir(), "{\"model\":\"qwen3_32b\",\"chat_template_kwargs\":{\"enable_thinking\":false},"
                + ask + "}");
        assertEquals("length", tir.path("finish_reason").asText());

        String sse = post(aimlapi(), "{\"model\":\"m\",\"stream\":true," + ask + "}", "k").body();
        assertTrue(sse.contains("\"finish_reason\":\"length\""), sse);
        assertTrue(sse.contains("\"completion_tokens\":4"), "reasoning and answer within the limit: " + sse);
    }
}
