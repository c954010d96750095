package dev.qwen.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.Profiles;
import dev.qwen.support.Upstream;
import dev.qwen.support.WireMockProvider;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** /v1 with TIR serving: its own model id and thinking switch, a named tool choice, reasoning out of content. */
@QuarkusTest
@TestProfile(Profiles.TirWire.class)
class OpenAiTirTest extends WireTest {

    private static final String TOOLS = """
            [{"type":"function","function":{"name":"getOrder","parameters":{"type":"object",
              "properties":{"orderId":{"type":"string"}},"required":["orderId"]}}},
             {"type":"function","function":{"name":"checkStock","parameters":{"type":"object",
              "properties":{"sku":{"type":"string"}}}}}]""";

    @Test
    void aNamedToolChoiceIsSentToTirInTheNamedFormWithThinkingOff() {
        wire.stubFor(post(urlPathMatching(".*/chat/completions"))
                .willReturn(Upstream.toolCalls("checkStock", "{\"sku\":\"SKU-1\"}")));

        given().contentType("application/json").body("""
                {"model":"qwen3_32b","messages":[{"role":"user","content":"Is SKU-1 in stock?"}],"tools":%s,
                 "tool_choice":{"type":"function","function":{"name":"checkStock"}}}""".formatted(TOOLS))
                .post("/v1/chat/completions").then().statusCode(200)
                .header("X-Provider", "tir")
                .body("choices[0].finish_reason", is("tool_calls"))
                .body("choices[0].message.tool_calls[0].function.name", is("checkStock"));

        JsonNode sent = Upstream.body(Upstream.requests(wire).get(0));
        assertEquals("qwen3_32b", sent.path("model").asText());
        assertEquals("checkStock", sent.path("tool_choice").path("function").path("name").asText(), sent.toString());
        assertFalse(sent.path("chat_template_kwargs").path("enable_thinking").asBoolean(true));
        assertTrue(Upstream.requests(wire).get(0).getUrl().contains("project_id=" + WireMockProvider.TIR_PROJECT));
    }

    @Test
    void withEnableThinkingTheThinkBlockBecomesReasoningContent() {
        wire.stubFor(post(urlPathMatching(".*/chat/completions"))
                .willReturn(Upstream.tirStream("<think>The user greets. </think>Hello!")));

        given().contentType("application/json").body("""
                {"model":"qwen3-32b","messages":[{"role":"user","content":"Hi"}],"enable_thinking":true,
                 "thinking_budget":256}""")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", is("Hello!"))
                .body("choices[0].message.content", not(containsString("<think>")))
                .body("choices[0].message.reasoning_content", containsString("The user greets."));

        JsonNode sent = Upstream.body(Upstream.requests(wire).get(0));
        assertTrue(sent.path("chat_template_kwargs").path("enable_thinking").asBoolean(), sent.toString());
        assertTrue(sent.path("stream").asBoolean(), "thinking is streamed upstream and aggregated");
    }

    @Test
    void withoutThinkingNoReasoningIsReturned() {
        wire.stubFor(post(urlPathMatching(".*/chat/completions"))
                .willReturn(Upstream.tirReply("<think>\n\n</think>Hello!")));

        given().contentType("application/json").body("""
                {"model":"qwen3-32b","messages":[{"role":"user","content":"Hi"}]}""")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", is("Hello!"))
                .body("choices[0].message.reasoning_content", is((Object) null))
                .body("usage.cost", is((Object) null));

        JsonNode sent = Upstream.body(Upstream.requests(wire).get(0));
        assertTrue(Upstream.lastUserText(sent).endsWith("/no_think"), sent.toString());
    }
}
