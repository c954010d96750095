package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/** The capability switch: a provider without json_schema gets json_object and the schema in the prompt. */
class DialectRenderTest {

    private static ChatRequest typedRequest() {
        JsonSchema schema = JsonSchema.builder().name("Triage")
                .rootElement(JsonObjectSchema.builder().addStringProperty("category").required("category").build())
                .build();
        return ChatRequest.builder()
                .messages(SystemMessage.from("Classify."), UserMessage.from("Where is A1001?"))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build())
                .build();
    }

    @Test
    void withoutJsonSchemaSupportTheSchemaMovesIntoTheSystemPrompt() {
        Dialect tir = new TirDialect("http://x", "1", "qwen3_32b", false);

        ChatRequest shaped = tir.render(UpstreamCall.resolve(typedRequest()));

        ResponseFormat format = shaped.parameters().responseFormat();
        assertEquals(ResponseFormatType.JSON, format.type());
        assertNull(format.jsonSchema(), "json_object, not json_schema");
        String system = ((SystemMessage) shaped.messages().get(0)).text();
        assertTrue(system.startsWith("Classify.") && system.contains("\"category\""), system);
        assertTrue(((UserMessage) shaped.messages().get(1)).singleText().endsWith("/no_think"));
    }

    @Test
    void withJsonSchemaSupportTheSchemaStaysOnTheRequest() {
        Dialect aimlapi = new AimlApiDialect("http://x", "alibaba/qwen3-32b", true);

        ChatRequest shaped = aimlapi.render(UpstreamCall.resolve(typedRequest()));

        assertEquals("Triage", shaped.parameters().responseFormat().jsonSchema().name());
        assertEquals("Classify.", ((SystemMessage) shaped.messages().get(0)).text());
        assertEquals(Map.of("enable_thinking", false),
                ((OpenAiChatRequestParameters) shaped.parameters()).customParameters());
    }
}
