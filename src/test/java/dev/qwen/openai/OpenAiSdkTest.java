package dev.qwen.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.qwen.support.Profiles;
import dev.qwen.support.Upstream;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The official openai npm SDK, unchanged, pointed at the service's /v1: chat, streaming with reasoning,
 * tools (a named choice, the caller running the tool), JSON schema and errors, each asserting what the
 * SDK saw and what the service sent the provider (WireMock).
 */
@QuarkusTest
@TestProfile(Profiles.Tenants.class)
class OpenAiSdkTest extends WireTest {

    private static final String CHAT = "/v1/chat/completions";

    @BeforeAll
    static void installClient() throws Exception {
        NodeClients.install();
    }

    private JsonNode sdk(String scenario) throws Exception {
        return NodeClients.node("client.mjs", scenario, "http://localhost:" + RestAssured.port + "/v1",
                Profiles.Tenants.ALICE);
    }

    private JsonNode onlyUpstreamBody() {
        var requests = Upstream.requests(wire);
        assertEquals(1, requests.size(), "upstream calls");
        return Upstream.body(requests.get(0));
    }

    @Test
    void chatPassesTheCallersSamplingOnWithThinkingOffAndAnswersWithCost() throws Exception {
        wire.stubFor(post(urlPathEqualTo(CHAT)).willReturn(Upstream.aimlapiReply("Hello!", "")));

        JsonNode seen = sdk("chat");

        assertEquals("chat.completion", seen.path("object").asText(), seen.toString());
        assertEquals("Hello!", seen.path("content").asText());
        assertEquals("stop", seen.path("finish").asText());
        assertEquals("aimlapi", seen.path("provider").asText());
        assertEquals(50, seen.path("usage").path("prompt_tokens").asInt());
        assertEquals(0.000065, seen.path("usage").path("cost").path("amount").asDouble(), 1e-12);
        assertEquals("USD", seen.path("usage").path("cost").path("currency").asText());

        JsonNode sent = onlyUpstreamBody();
        assertEquals("alibaba/qwen3-32b", sent.path("model").asText());
        assertFalse(sent.path("enable_thinking").asBoolean(true));
        assertEquals(0.3, sent.path("temperature").asDouble(), 1e-9);
        assertEquals(0.9, sent.path("top_p").asDouble(), 1e-9);
        assertEquals(50, sent.path("max_tokens").asInt(sent.path("max_completion_tokens").asInt()));
        assertEquals(7, sent.path("seed").asInt());
        assertEquals("user-42", sent.path("user").asText());
        assertEquals("END", sent.path("stop").get(0).asText());
        assertEquals("system", sent.path("messages").get(0).path("role").asText());
    }

    @Test
    void streamingWithReasoningEffortThinksWithItsBudgetAndStreamsReasoningApart() throws Exception {
        wire.stubFor(post(urlPathEqualTo(CHAT)).willReturn(Upstream.aimlapiStream("Let me think. ", "Hello there!")));

        JsonNode seen = sdk("stream");

        assertEquals("Hello there!", seen.path("content").asText(), seen.toString());
        assertEquals("Let me think. ", seen.path("reasoning").asText());
        assertFalse(seen.path("content").asText().contains("<think>"));
        assertEquals("stop", seen.path("finish").asText());
        assertEquals(82, seen.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt(),
                seen.toString());
        assertTrue(seen.path("usage").path("cost").path("amount").asDouble() > 0);

        JsonNode sent = onlyUpstreamBody();
        assertTrue(sent.path("stream").asBoolean());
        assertTrue(sent.path("enable_thinking").asBoolean());
        assertEquals(1024, sent.path("thinking_budget").asInt());
    }

    @Test
    void aNamedToolChoiceGoesOnTheWireAndTheCallerRunsTheTool() throws Exception {
        wire.stubFor(post(urlPathEqualTo(CHAT)).atPriority(5)
                .willReturn(Upstream.toolCalls("getWeather", "{\"city\":\"Paris\"}")));
        wire.stubFor(post(urlPathEqualTo(CHAT)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(Upstream.aimlapiReply("It is sunny in Paris.", "")));

        JsonNode seen = sdk("tools");

        assertEquals("tool_calls", seen.path("firstFinish").asText(), seen.toString());
        assertEquals("getWeather", seen.path("calls").get(0).path("function").path("name").asText());
        assertEquals("{\"city\":\"Paris\"}", seen.path("calls").get(0).path("function").path("arguments").asText());
        assertEquals("It is sunny in Paris.", seen.path("answer").asText());

        var requests = Upstream.requests(wire);
        assertEquals(2, requests.size(), "the service ran no tool and made no extra call");
        JsonNode first = Upstream.body(requests.get(0));
        assertEquals("getWeather", first.path("tool_choice").path("function").path("name").asText(), first.toString());
        assertEquals("function", first.path("tool_choice").path("type").asText());
        assertFalse(first.path("parallel_tool_calls").asBoolean(true));
        assertEquals("string", first.path("tools").get(0).path("function").path("parameters").path("properties")
                .path("city").path("type").asText());
        assertEquals("city", first.path("tools").get(0).path("function").path("parameters").path("required").get(0)
                .asText());
        JsonNode second = Upstream.body(requests.get(1));
        List<JsonNode> assistant = Upstream.messages(second, "assistant");
        assertEquals("call_1", assistant.get(0).path("tool_calls").get(0).path("id").asText());
        List<JsonNode> tool = Upstream.messages(second, "tool");
        assertEquals("call_1", tool.get(0).path("tool_call_id").asText());
        assertTrue(tool.get(0).path("content").asText().contains("sunny"));
    }

    @Test
    void streamedToolCallsReachTheCallerAsToolCallDeltas() throws Exception {
        wire.stubFor(post(urlPathEqualTo(CHAT)).willReturn(streamedToolCall()));

        JsonNode seen = sdk("streamTools");

        assertEquals("tool_calls", seen.path("finish").asText(), seen.toString());
        assertEquals("getWeather", seen.path("calls").get(0).path("name").asText());
        assertEquals("{\"city\":\"Paris\"}", seen.path("calls").get(0).path("arguments").asText());
        JsonNode sent = onlyUpstreamBody();
        assertEquals("required", sent.path("tool_choice").asText());
        assertFalse(sent.path("enable_thinking").asBoolean(true));
    }

    @Test
    void aJsonSchemaResponseFormatIsSentAsGivenAndParses() throws Exception {
        wire.stubFor(post(urlPathEqualTo(CHAT))
                .willReturn(Upstream.aimlapiReply("{\"name\":\"Paris\",\"population\":2100000}", "")));

        JsonNode seen = sdk("json");

        assertEquals("Paris", seen.path("city").path("name").asText(), seen.toString());
        assertEquals(2100000, seen.path("city").path("population").asInt());
        JsonNode sent = onlyUpstreamBody();
        assertEquals("json_schema", sent.path("response_format").path("type").asText(), sent.toString());
        JsonNode schema = sent.path("response_format").path("json_schema").path("schema");
        assertEquals("integer", schema.path("properties").path("population").path("type").asText());
        assertFalse(sent.path("enable_thinking").asBoolean(true));
    }

    @Test
    void modelsListsQwen() throws Exception {
        assertEquals("qwen3-32b", sdk("models").path("ids").get(0).asText());
    }

    @Test
    void errorsComeInOpenAisShapeSoTheSdkRaisesItsOwnErrors() throws Exception {
        JsonNode unknown = sdk("unknownModel");
        assertEquals(404, unknown.path("status").asInt(), unknown.toString());
        assertEquals("NotFoundError", unknown.path("errorClass").asText());
        assertEquals("model_not_found", unknown.path("code").asText());

        JsonNode bad = sdk("badRequest");
        assertEquals(400, bad.path("status").asInt(), bad.toString());
        assertEquals("invalid_request_error", bad.path("type").asText());
        assertEquals("temperature", bad.path("param").asText());

        wire.stubFor(post(urlPathEqualTo(CHAT)).willReturn(aResponse().withStatus(500)));
        JsonNode down = sdk("upstreamDown");
        assertEquals(503, down.path("status").asInt(), down.toString());
        assertEquals("api_error", down.path("type").asText());
        assertEquals("provider_unavailable", down.path("code").asText());
        assertEquals(0, Upstream.requests(wire).stream().filter(r -> !r.getUrl().contains("chat")).count());

        JsonNode badKey = NodeClients.node("client.mjs", "badKey", "http://localhost:" + RestAssured.port + "/v1",
                "sk-wrong");
        assertEquals(401, badKey.path("status").asInt(), badKey.toString());
        assertEquals("AuthenticationError", badKey.path("errorClass").asText());
        assertEquals("authentication_error", badKey.path("type").asText());
    }

    /** A streamed tool call, its arguments in two pieces, as OpenAI-style providers send it. */
    static ResponseDefinitionBuilder streamedToolCall() {
        String head = "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":";
        String sse = head + "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"getWeather\",\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}\n\n"
                + head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
                + head + "{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen3-32b\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}\n\n"
                + "data: [DONE]\n\n";
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(sse);
    }
}
