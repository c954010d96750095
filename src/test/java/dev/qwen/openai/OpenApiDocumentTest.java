package dev.qwen.openai;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.support.SseEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * {@code /q/openapi} is a document a client generator can use: valid by an independent validator
 * (@apidevtools/swagger-parser), OpenAPI 3.0 (what generators support without reservations), a stable
 * operation id and a summary, examples, problem responses and the security scheme on every operation, only
 * the service's own schemas with their always-present fields required, and the streams' events named with
 * the schema of their data, as the service sends them. The repository's docs/openapi.yaml is that document.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The document the repository promises; client generators are fed this file. */
    static final Path COMMITTED = Path.of("docs/openapi.yaml");
    /** {@code -Dopenapi.refresh=true} rewrites {@link #COMMITTED} from what the service serves. */
    private static final String REFRESH = "openapi.refresh";
    private static final String HOW_TO_REFRESH = "./mvnw test -Dtest=OpenApiDocumentTest -D" + REFRESH + "=true";

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
    void theRepositoryCarriesTheDocumentTheServiceServes() throws Exception {
        String served = given().get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean(REFRESH)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served);
            return;
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        if (!committed.equals(served)) {
            fail(COMMITTED + " is not the document /q/openapi serves (" + firstDifference(committed, served)
                    + "). If the change is intended, refresh the file with `" + HOW_TO_REFRESH
                    + "`, then review and commit its diff.");
        }
    }

    @Test
    void theDocumentIsTheSameOnEveryRequest() {
        // What the committed copy relies on: one order of paths, schemas, properties and responses.
        String first = given().get("/q/openapi").asString();
        assertEquals(first, given().get("/q/openapi").asString());
    }

    @Test
    void theDocumentIsOpenApi30() throws Exception {
        assertEquals("3.0.3", document().path("openapi").asText(), "OpenAPI 3.1 is still beta in client generators");
    }

    @Test
    void everyOperationHasAStableUniqueIdAndATag() throws Exception {
        JsonNode doc = document();
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        doc.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String id = op.getValue().path("operationId").asText("");
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                if (!id.matches("[a-z][A-Za-z0-9]+") || !ids.add(id)) {
                    wrong.add(where + ": operationId '" + id + "'");
                }
                JsonNode opTags = op.getValue().path("tags");
                if (opTags.size() != 1 || !tags.contains(opTags.get(0).asText())) {
                    wrong.add(where + ": tags " + opTags);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(ids.containsAll(List.of("triageMessage", "extractInvoice", "chatWithAssistant", "streamChatWithAssistant",
                "getSession", "deleteSession", "reviewOrders", "getProviders", "getUsage", "listModels",
                "createChatCompletion")), ids.toString());
    }

    @Test
    void everySchemaIsTheServicesOwnAndInUse() throws Exception {
        JsonNode doc = document();
        Set<String> schemas = new TreeSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        for (String library : List.of("JsonNode", "JsonNodeType", "OutboundSseEvent", "MediaType", "Instant", "LocalDate",
                "Object", "Response", "Multi")) {
            assertFalse(schemas.contains(library), library + " leaks into the document: " + schemas);
        }
        String text = doc.toString();
        assertFalse(text.contains("\"valueNode\"") || text.contains("\"reconnectDelay\""), "a library type's properties");

        Set<String> referenced = new TreeSet<>();
        collectRefs(doc, referenced);
        Set<String> dangling = new TreeSet<>(referenced);
        dangling.removeAll(schemas);
        assertTrue(dangling.isEmpty(), "references to no schema: " + dangling);
        Set<String> unused = new TreeSet<>(schemas);
        unused.removeAll(referenced);
        assertTrue(unused.isEmpty(), "schemas nothing refers to: " + unused);

        JsonNode toolCall = doc.path("components").path("schemas").path("ToolCall").path("properties");
        for (String free : List.of("arguments", "result")) {
            assertEquals("object", toolCall.path(free).path("type").asText(), "ToolCall." + free + ": " + toolCall);
            assertTrue(toolCall.path(free).path("additionalProperties").asBoolean(), "ToolCall." + free + ": " + toolCall);
        }
    }

    @Test
    void fieldsResponsesAlwaysCarryAreRequired() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        Map<String, List<String>> expected = Map.of(
                "AssistantReply", List.of("sessionId", "status", "answer", "toolCalls", "approvals", "reasoning", "usage",
                        "provider", "model"),
                "PendingApproval", List.of("id", "toolCall", "expiresAt"),
                "PendingApprovalEntry", List.of("id", "sessionId", "toolCall", "requestedBy", "createdAt", "expiresAt"),
                "ToolCall", List.of("id", "name", "arguments", "result"),
                "Usage", List.of("promptTokens", "completionTokens", "reasoningTokens", "totalTokens", "cost"),
                "Triage", List.of("category", "priority", "sentiment", "summary", "orderIds", "language"),
                "Invoice", List.of("vendor", "invoiceNumber", "issueDate", "currency", "lineItems", "subtotal", "tax", "total"),
                "Providers", List.of("primary", "fallback", "providers"),
                "SessionMessage", List.of("role"),
                "ChatCompletion", List.of("id", "object", "created", "model", "choices", "usage"));
        expected.forEach((name, required) -> assertEquals(required, texts(schemas.path(name).path("required")), name));
        assertTrue(schemas.path("AssistantReply").path("properties").path("reasoning").path("nullable").asBoolean());
        assertTrue(schemas.path("Usage").path("properties").path("cost").path("nullable").asBoolean());
        assertEquals(List.of("message"), texts(schemas.path("AssistantRequest").path("required")),
                "a request's optional fields stay optional");
    }

    @Test
    void chatCompletionsTakesAndAnswersObjects() throws Exception {
        JsonNode doc = document();
        JsonNode operation = doc.path("paths").path("/v1/chat/completions").path("post");
        String request = operation.path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asText();
        assertEquals("#/components/schemas/ChatCompletionRequest", request, operation.path("requestBody").toString());
        JsonNode requestSchema = doc.path("components").path("schemas").path("ChatCompletionRequest");
        assertEquals("object", requestSchema.path("type").asText());
        assertEquals(List.of("model", "messages"), texts(requestSchema.path("required")));
        JsonNode ok = operation.path("responses").path("200").path("content");
        assertEquals("#/components/schemas/ChatCompletion", ok.path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/ChatCompletionChunk",
                ok.path("text/event-stream").path("x-sse-events").path("message").path("$ref").asText(), ok.toString());
        assertEquals("#/components/schemas/ModelList", doc.path("paths").path("/v1/models").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema").path("$ref").asText());
    }

    @Test
    void theAssistantStreamSendsTheEventsItsDocumentNames() throws Exception {
        JsonNode doc = document();
        JsonNode sse = doc.path("paths").path("/api/v1/assistant/chat/stream").path("post").path("responses").path("200")
                .path("content").path("text/event-stream");
        assertEquals("binary", sse.path("schema").path("format").asText(), "read as a stream, not parsed as JSON: " + sse);
        assertEquals(List.of("text/event-stream"), texts(doc.path("paths").path("/api/v1/assistant/chat/stream")
                .path("post").path("responses").path("200").path("content")), "no JSON answer besides the events");

        String body = given().contentType("application/json").accept("text/event-stream")
                .body("{\"message\":\"What is the status of order A1001?\",\"thinking\":true,\"includeReasoning\":true}")
                .post("/api/v1/assistant/chat/stream").then().statusCode(200).extract().asString();
        Set<String> seen = new LinkedHashSet<>();
        for (SseEvents.Event event : SseEvents.parse(body)) {
            String ref = sse.path("x-sse-events").path(event.name()).path("$ref").asText("");
            assertFalse(ref.isEmpty(), "event " + event.name() + " is not documented: " + sse.path("x-sse-events"));
            JsonNode schema = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
            Set<String> documented = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            Set<String> sent = new TreeSet<>();
            event.data().fieldNames().forEachRemaining(sent::add);
            assertEquals(documented, sent, "event " + event.name() + ": " + event.data());
            seen.add(event.name());
        }
        assertEquals(List.of("reasoning", "tool_call", "tool_result", "token", "done"), List.copyOf(seen), body);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(out::add);
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static void collectRefs(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
                names.add(ref.asText().substring("#/components/schemas/".length()));
            }
            node.forEach(child -> collectRefs(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, names));
        }
    }

    /** Where two texts first differ, by line, for the failure message. */
    private static String firstDifference(String committed, String served) {
        if (committed.isEmpty()) {
            return "the file is missing or empty";
        }
        String[] a = committed.split("\n", -1);
        String[] b = served.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "first difference at line " + (i + 1) + ": committed '" + a[i].strip() + "', served '" + b[i].strip() + "'";
            }
        }
        return "the committed file has " + a.length + " lines, the served one " + b.length;
    }

    @Test
    void swaggerUiIsOffUnlessEnabled() {
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
