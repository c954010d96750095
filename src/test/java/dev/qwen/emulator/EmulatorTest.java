package dev.qwen.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The emulator speaks each provider's dialect as documented, and says it is the emulator. */
@QuarkusTest
class EmulatorTest {

    static final String AIMLAPI = "/emulator/aimlapi/v1/chat/completions";
    static final String TIR = "/emulator/tir/project/p-42/genai/qwen3_32b/v1/chat/completions";

    private static ValidatableResponse post(String path, String body) {
        return given().header("Authorization", "Bearer any").contentType("application/json").body(body)
                .post(path).then();
    }

    @Test
    void aimlApiThinksByDefaultAndRefusesThatWithoutStreaming() {
        post(AIMLAPI, "{\"model\":\"alibaba/qwen3-32b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(400).body("message", containsString("enable_thinking")).body("statusCode", is(400));
    }

    @Test
    void aimlApiAnswersWithReasoningContentAndSaysItIsTheEmulator() {
        post(AIMLAPI, "{\"model\":\"alibaba/qwen3-32b\",\"enable_thinking\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(200)
                .header("X-Emulator", "qwen3-emulator")
                .body("system_fingerprint", is("qwen3-emulator"))
                .body("choices[0].message.reasoning_content", is(""))
                .body("usage.completion_tokens_details.reasoning_tokens", is(0));
    }

    @Test
    void aimlApiStreamsReasoningFirstThenContentThenUsage() {
        String sse = post(AIMLAPI, "{\"model\":\"m\",\"stream\":true,\"enable_thinking\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}")
                .statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        int reasoning = sse.indexOf("\"reasoning_content\"");
        int content = sse.indexOf("\"content\":\"Emulated");
        int usage = sse.indexOf("\"choices\":[],\"usage\"");
        assertTrue(reasoning > 0 && reasoning < content && content < usage, sse);
        assertTrue(sse.contains("\"reasoning_tokens\""), sse);
        assertTrue(!sse.contains("[DONE]"), "AI/ML API's stream as documented ends with the usage chunk");
    }

    @Test
    void tirChecksProjectInPathAndQueryAndPutsReasoningInThinkBlocks() {
        post(TIR + "?project_id=43", "{\"model\":\"qwen3_32b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(400).body("message", containsString("project_id"));
        post(TIR, "{\"model\":\"qwen3_32b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode(400);

        post(TIR + "?project_id=42", "{\"model\":\"qwen3_32b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(200).body("choices[0].message.content", containsString("</think>"))
                .body("kv_transfer_params", is((Object) null));
        post(TIR + "?project_id=42", "{\"model\":\"qwen3_32b\",\"chat_template_kwargs\":{\"enable_thinking\":false},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(200).body("choices[0].message.content", containsString("<think>\n</think>"));
        String sse = post(TIR + "?project_id=42", "{\"model\":\"qwen3_32b\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode(200).extract().asString();
        assertTrue(sse.strip().endsWith("data: [DONE]"), sse);
    }

    @Test
    void aKeyIsRequired() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post(AIMLAPI).then().statusCode(401);
    }

    @Test
    void severalOrderIdsGiveSeveralToolCallsAtOnceUnlessParallelCallsAreOff() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"getOrder\",\"parameters\":{}}}]";
        post(AIMLAPI, "{\"model\":\"m\",\"enable_thinking\":false," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"A1001, A1002 and A1003?\"}]}")
                .statusCode(200)
                .body("choices[0].finish_reason", is("tool_calls"))
                .body("choices[0].message.tool_calls.size()", is(3))
                .body("choices[0].message.tool_calls[2].function.arguments", is("{\"orderId\":\"A1003\"}"));
        post(AIMLAPI, "{\"model\":\"m\",\"enable_thinking\":false,\"parallel_tool_calls\":false," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"A1001, A1002 and A1003?\"}]}")
                .statusCode(200).body("choices[0].message.tool_calls.size()", is(1));
    }
}
