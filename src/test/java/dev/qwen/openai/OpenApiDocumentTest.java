package dev.qwen.openai;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * {@code /q/openapi} is a document a client generator can use: valid by an independent validator
 * (@apidevtools/swagger-parser), and every operation has a summary, examples, its problem responses and
 * the security scheme; the stream's event types are named.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void installValidator() throws Exception {
        NodeClients.install();
    }

    private static JsonNode document() throws Exception {
        return JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
    }

    @Test
    void anIndependentValidatorAcceptsTheDocument() throws Exception {
        JsonNode result = NodeClients.node("validate-openapi.mjs",
                "http://localhost:" + RestAssured.port + "/q/openapi?format=json");
        assertTrue(result.path("valid").asBoolean(), result.toString());
        assertTrue(result.path("paths").asInt() >= 10, result.toString());
    }

    @Test
    void theValidatorRejectsABrokenDocument() throws Exception {
        String broken = given().accept("application/json").get("/q/openapi?format=json").asString()
                .replaceFirst("\"responses\"", "\"responsez\"");
        java.nio.file.Path file = NodeClients.DIR.resolve("broken-openapi.json");
        java.nio.file.Files.writeString(file, broken);
        JsonNode result = NodeClients.node("validate-openapi.mjs", file.toAbsolutePath().toString());
        assertFalse(result.path("valid").asBoolean(true), result.toString());
    }

    @Test
    void everyOperationHasASummaryExamplesProblemsAndTheSecurityScheme() throws Exception {
        JsonNode doc = document();
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("apiKey").path("scheme").asText(),
                doc.path("components").toString());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (operation.path("summary").asText("").isBlank()) {
                    missing.add(where + ": summary");
                }
                if (!operation.path("responses").has("401")) {
                    missing.add(where + ": 401");
                }
                if (!operation.path("responses").has("429")) {
                    missing.add(where + ": 429");
                }
                if (operation.path("security").isEmpty() && doc.path("security").isEmpty()) {
                    missing.add(where + ": security");
                }
                if (op.getKey().equals("post") && !operation.path("requestBody").toString().contains("example")) {
                    missing.add(where + ": request example");
                }
                if (op.getKey().equals("post") && path.getKey().startsWith("/api/v1/")
                        && !operation.path("parameters").toString().contains("\"Idempotency-Key\"")) {
                    missing.add(where + ": Idempotency-Key");
                }
                JsonNode ok = operation.path("responses").has("200") ? operation.path("responses").path("200")
                        : operation.path("responses").path("204");
                if (!op.getKey().equals("delete") && !ok.toString().contains("example")) {
                    missing.add(where + ": response example");
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
        String triage = doc.path("paths").path("/api/v1/triage").path("post").path("responses").toString();
        assertTrue(triage.contains("application/problem+json") && triage.contains("502") && triage.contains("504"),
                triage);
        assertTrue(doc.path("paths").path("/api/v1/assistant/chat").path("post").path("responses").path("200")
                .path("headers").has("Idempotency-Replayed"), "the replay header");
        String stream = doc.path("paths").path("/api/v1/assistant/chat/stream").toString();
        for (String event : List.of("reasoning", "token", "tool_call", "tool_result", "done", "error")) {
            assertTrue(stream.contains("event: " + event), "SSE event " + event + " not documented: " + stream);
        }
        String completions = doc.path("paths").path("/v1/chat/completions").path("post").toString();
        assertTrue(completions.contains("text/event-stream") && completions.contains("rate_limit_error"), completions);
        assertFalse(doc.toString().contains("dev.qwen"), "internal class names in the document");
    }

    @Test
    void swaggerUiIsOffUnlessEnabled() {
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
