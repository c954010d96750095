package dev.qwen.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.qwen.support.Profiles;
import dev.qwen.support.Upstream;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** langchain4j's own OpenAI client, pointed at the service's /v1 as at OpenAI, with the provider on WireMock. */
@QuarkusTest
@TestProfile(Profiles.Tenants.class)
class LangChain4jClientTest extends WireTest {

    private OpenAiChatModel client(String key) {
        return OpenAiChatModel.builder()
                .baseUrl("http://localhost:" + RestAssured.port + "/v1")
                .apiKey(key)
                .modelName("qwen3-32b")
                .timeout(Duration.ofSeconds(20))
                .maxRetries(0)
                .build();
    }

    @Test
    void aPlainChatIsAnsweredByQwenWithThinkingOff() {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(Upstream.aimlapiReply("Hello from Qwen", "")));

        String answer = client(Profiles.Tenants.ALICE).chat("Say hello");

        assertEquals("Hello from Qwen", answer);
        JsonNode sent = Upstream.body(Upstream.requests(wire).get(0));
        assertEquals("alibaba/qwen3-32b", sent.path("model").asText());
        assertFalse(sent.path("enable_thinking").asBoolean(true));
        assertTrue(Upstream.lastUserText(sent).startsWith("Say hello"));
    }

    @Test
    void aRequiredToolChoiceComesBackAsToolCallsForTheCallerToRun() {
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(Upstream.toolCalls("getOrder", "{\"orderId\":\"A1001\"}")));
        ToolSpecification getOrder = ToolSpecification.builder().name("getOrder").description("Look up an order")
                .parameters(JsonObjectSchema.builder().addStringProperty("orderId").required("orderId").build())
                .build();

        ChatResponse response = client(Profiles.Tenants.BARE).chat(ChatRequest.builder()
                .messages(UserMessage.from("Where is A1001?"))
                .toolSpecifications(getOrder)
                .toolChoice(ToolChoice.REQUIRED)
                .build());

        assertEquals("getOrder", response.aiMessage().toolExecutionRequests().get(0).name());
        assertEquals("{\"orderId\":\"A1001\"}", response.aiMessage().toolExecutionRequests().get(0).arguments());
        assertEquals(1, Upstream.requests(wire).size(), "the service does not run the tool");
        JsonNode sent = Upstream.body(Upstream.requests(wire).get(0));
        assertEquals("required", sent.path("tool_choice").asText());
        assertEquals("getOrder", sent.path("tools").get(0).path("function").path("name").asText());
    }
}
