package dev.qwen.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The contract's parts of {@code /q/openapi} that a client generator needs and the resources' signatures
 * cannot say, in one place: a summary and examples for every operation, every problem response it can
 * give (problem+json, or OpenAI's error shape under {@code /v1}), the event types of the streams, and the
 * bearer-key security scheme. Registered as {@code mp.openapi.filter}; runs when the document is built.
 */
public class OpenApiContract implements OASFilter {

    private static final String PROBLEM_JSON = ProblemMapper.PROBLEM_JSON;
    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream";

    /** What each operation is, with its request and response examples. */
    private record Doc(String summary, String description, Object request, Object response) {
    }

    private static final Map<String, Doc> DOCS = new LinkedHashMap<>();

    static {
        DOCS.put("POST /api/v1/triage", new Doc("Classify a customer message",
                "Category, priority, sentiment, a one-line summary, the order ids named and the language. Thinking off, no tools.",
                Map.of("text", "Where is my order A1001? It was due yesterday."),
                ordered("category", "SHIPPING", "priority", "HIGH", "sentiment", "NEGATIVE", "summary",
                        "Customer asks where late order A1001 is.", "orderIds", List.of("A1001"), "language", "en")));
        DOCS.put("POST /api/v1/invoices/extract", new Doc("Extract an invoice from text",
                "Typed extraction with the arithmetic checked; one correction round, then 422 inconsistent_output.",
                Map.of("text", "ACME GmbH, invoice INV-7, 2026-11-02: 2 x Cable at 5.00 = 10.00; VAT 1.90; total 11.90 EUR"),
                ordered("vendor", "ACME GmbH", "invoiceNumber", "INV-7", "issueDate", "2026-11-02", "currency", "EUR",
                        "lineItems", List.of(ordered("description", "Cable", "quantity", 2, "unitPrice", 5.00, "amount", 10.00)),
                        "subtotal", 10.00, "tax", 1.90, "total", 11.90)));
        Map<String, Object> chat = ordered("sessionId", "s-42", "message", "Where is order A1001?", "toolChoice", "auto",
                "parallelToolCalls", true, "thinking", false, "includeReasoning", false);
        Map<String, Object> usage = ordered("promptTokens", 812, "completionTokens", 64, "reasoningTokens", 0,
                "totalTokens", 876, "cost", ordered("amount", 0.000178, "currency", "USD"));
        DOCS.put("POST /api/v1/assistant/chat", new Doc("One turn with the order-support assistant",
                "Memory per session, tools under the caller's policy (auto, none, required or a tool name), thinking opt-in.",
                chat,
                ordered("sessionId", "s-42", "answer", "Order A1001 is in transit with DHL, due 2026-11-25.",
                        "toolCalls", List.of(ordered("id", "call_1", "name", "trackShipment", "arguments",
                                Map.of("orderId", "A1001"), "result", ordered("orderId", "A1001", "carrier", "DHL",
                                        "status", "IN_TRANSIT", "eta", "2026-11-25"))),
                        "reasoning", null, "usage", usage, "provider", "aimlapi", "model", "alibaba/qwen3-32b")));
        DOCS.put("POST /api/v1/assistant/chat/stream", new Doc("The same turn as Server-Sent Events",
                "Events in order of occurrence: reasoning {text} (only with includeReasoning), token {text}, tool_call "
                        + "{id, name, arguments}, tool_result {id, name, result}, then exactly one of done {sessionId, usage, "
                        + "provider, model} or error (a problem object). A client that disconnects cancels the upstream call.",
                chat,
                "event: token\ndata: {\"text\":\"Let me check. \"}\n\n"
                        + "event: tool_call\ndata: {\"id\":\"call_1\",\"name\":\"trackShipment\",\"arguments\":{\"orderId\":\"A1001\"}}\n\n"
                        + "event: tool_result\ndata: {\"id\":\"call_1\",\"name\":\"trackShipment\",\"result\":{\"orderId\":\"A1001\",\"status\":\"IN_TRANSIT\"}}\n\n"
                        + "event: reasoning\ndata: {\"text\":\"The shipment is in transit.\"}\n\n"
                        + "event: token\ndata: {\"text\":\"It is in transit.\"}\n\n"
                        + "event: done\ndata: {\"sessionId\":\"s-42\",\"usage\":{\"promptTokens\":812,\"completionTokens\":64,\"reasoningTokens\":0,\"totalTokens\":876,\"cost\":null},\"provider\":\"aimlapi\",\"model\":\"alibaba/qwen3-32b\"}\n\n"
                        + "event: error\ndata: {\"type\":\"https://qwen-service.dev/problems/provider-timeout\",\"title\":\"Provider timeout\",\"status\":504,\"detail\":\"The model provider did not answer within the configured timeout.\",\"code\":\"provider_timeout\"}\n\n"));
        DOCS.put("POST /api/v1/workflows/order-review", new Doc("Review several orders at once",
                "The model looks the orders up with parallel tool calls, run concurrently, then answers a typed review.",
                ordered("orderIds", List.of("A1001", "A1002"), "question", "Anything late?"),
                ordered("orders", List.of(ordered("orderId", "A1001", "status", "SHIPPED", "carrier", "DHL", "eta",
                        "2026-11-25", "problem", null)), "summary", "One order in transit, on time.",
                        "suggestedActions", List.of("No action needed"))));
        DOCS.put("GET /api/v1/providers", new Doc("Which provider serves, and its state", null, null,
                ordered("primary", "aimlapi", "fallback", "tir", "providers", List.of(ordered("name", "aimlapi", "model",
                        "alibaba/qwen3-32b", "baseUrl", "https://api.aimlapi.com/v1", "circuit", "CLOSED")))));
        DOCS.put("GET /api/v1/assistant/sessions/{id}", new Doc("A session's messages", null, null,
                ordered("sessionId", "s-42", "messages", List.of(ordered("role", "user", "content", "Where is A1001?")),
                        "expiresAt", "2026-11-24T10:00:00Z")));
        DOCS.put("DELETE /api/v1/assistant/sessions/{id}", new Doc("Erase a session", "204, then 404 for that id.",
                null, null));
        DOCS.put("GET /api/v1/usage", new Doc("The calling key's usage today (UTC)",
                "Requests, tokens and, when prices are configured, cost; counted in the state store.", null,
                ordered("key", "team-a", "day", "2026-11-23", "requests", 12, "promptTokens", 9120, "completionTokens",
                        1540, "reasoningTokens", 0, "cost", ordered("amount", 0.006028, "currency", "USD"))));
        DOCS.put("GET /v1/models", new Doc("OpenAI-compatible: the models served", null, null,
                ordered("object", "list", "data", List.of(ordered("id", "qwen3-32b", "object", "model", "created",
                        1767225600, "owned_by", "qwen-service")))));
        DOCS.put("POST /v1/chat/completions", new Doc("OpenAI-compatible chat completions",
                "OpenAI's request and response (or chat.completion.chunk events ending with data: [DONE] when stream is "
                        + "true), served by Qwen3-32B with the service's failover, circuits, keys, limits and metrics. "
                        + "Thinking is off unless reasoning_effort or enable_thinking asks; reasoning comes as "
                        + "reasoning_content. The service does not run tools here: the caller does.",
                ordered("model", "qwen3-32b", "messages", List.of(ordered("role", "user", "content", "Say hello")),
                        "temperature", 0.7, "max_tokens", 64),
                ordered("id", "chatcmpl-1", "object", "chat.completion", "created", 1767225600, "model", "qwen3-32b",
                        "choices", List.of(ordered("index", 0, "message", ordered("role", "assistant", "content",
                                "Hello!"), "finish_reason", "stop")),
                        "usage", ordered("prompt_tokens", 9, "completion_tokens", 3, "total_tokens", 12,
                                "completion_tokens_details", Map.of("reasoning_tokens", 0), "cost", null))));
    }

    /** Status, code and title of the problems an operation may answer. */
    private record Failure(int status, String code, String title, String detail) {
    }

    private static final List<Failure> ANY = List.of(
            new Failure(401, "unauthorized", "Unauthorized", "A valid API key is required: send Authorization: Bearer <key>."),
            new Failure(429, "rate_limited", "Rate limited", "This API key is over its 60 requests per minute."),
            new Failure(503, "state_unavailable", "State unavailable", "The state store is unreachable; try again later."));
    private static final List<Failure> BODY = List.of(
            new Failure(400, "invalid_request", "Invalid request", "text: size must be between 1 and 20000"),
            new Failure(409, "request_in_progress", "Request in progress", "A request with this Idempotency-Key is still running."),
            new Failure(413, "payload_too_large", "Payload too large", "The body is larger than 256 KiB."),
            new Failure(415, "unsupported_media_type", "Unsupported media type", "The body must be JSON (Content-Type: application/json)."),
            new Failure(422, "idempotency_key_reused", "Idempotency key reused", "This Idempotency-Key was used with another body."),
            new Failure(502, "provider_error", "Provider refused the request", "The model provider refused the request (HTTP 400)."),
            new Failure(504, "provider_timeout", "Provider timeout", "The model provider did not answer within the configured timeout."));
    private static final Failure NOT_FOUND = new Failure(404, "session_not_found", "Session not found",
            "No session with this id (it may have expired or been erased).");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme("apiKey", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("One of APP_API_KEYS, as Authorization: Bearer <key>; required when keys are configured."));
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSchema("OpenAiError", openAiErrorSchema());
        SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme("apiKey");
        openAPI.setSecurity(new ArrayList<>(List.of(bearer)));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), op.getKey(), op.getValue());
            }
        }
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        Doc doc = DOCS.get(method + " " + path);
        if (doc != null) {
            if (operation.getSummary() == null) {
                operation.setSummary(doc.summary());
            }
            if (operation.getDescription() == null && doc.description() != null) {
                operation.setDescription(doc.description());
            }
            if (doc.request() != null && operation.getRequestBody() != null
                    && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> m.setExample(doc.request()));
            }
        } else if (operation.getSummary() == null) {
            operation.setSummary(method + " " + path);
        }
        APIResponses responses = operation.getResponses() != null ? operation.getResponses() : OASFactory.createAPIResponses();
        operation.setResponses(responses);
        boolean openAi = path.startsWith("/v1/");
        boolean stream = path.endsWith("/stream") || path.equals("/v1/chat/completions");
        APIResponse ok = responses.getAPIResponse("200");
        if (ok != null && doc != null && doc.response() != null) {
            if (ok.getContent() == null) {
                ok.setContent(OASFactory.createContent());
            }
            if (path.endsWith("/stream")) {
                // Only events: replace whatever media type the signature implied.
                ok.setContent(OASFactory.createContent().addMediaType(SSE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)).example(doc.response())));
                ok.setDescription(doc.description());
            } else {
                ok.getContent().getMediaTypes().values().forEach(m -> m.setExample(doc.response()));
                if (ok.getContent().getMediaTypes().isEmpty()) {
                    ok.getContent().addMediaType(JSON, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)).example(doc.response()));
                }
            }
            if (stream && openAi) {
                ok.getContent().addMediaType(SSE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .example("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                                + "\"model\":\"qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
                                + "\"finish_reason\":null}]}\n\ndata: [DONE]\n\n"));
                ok.setDescription("A chat.completion, or with stream: true its chat.completion.chunk events");
            }
        }
        if (method == PathItem.HttpMethod.POST && path.startsWith("/api/v1/")) {
            idempotent(operation, ok);
        }
        List<Failure> failures = new ArrayList<>(ANY);
        if (method == PathItem.HttpMethod.POST) {
            failures.addAll(BODY);
        }
        if (path.contains("{id}")) {
            failures.add(NOT_FOUND);
        }
        if (openAi) {
            failures.add(new Failure(404, "model_not_found", "Model not found", "The model 'gpt-4o' does not exist."));
        }
        for (Failure failure : failures) {
            String status = String.valueOf(failure.status());
            if (responses.hasAPIResponse(status)) {
                continue;
            }
            responses.addAPIResponse(status, openAi ? openAiError(failure) : problem(failure));
        }
    }

    /** Every {@code POST /api/v1/**} takes an Idempotency-Key (api.IdempotencyClaims); a repeat says it is one. */
    private static void idempotent(Operation operation, APIResponse ok) {
        operation.addParameter(OASFactory.createParameter().name(IdempotencyClaims.HEADER).in(Parameter.In.HEADER)
                .required(false).example("7f7c1a1e-refund-A1002")
                .description("1..255 printable ASCII characters. Within qwen.idempotency-ttl, on any replica, a repeat "
                        + "with the same body (and caller) gets the first answer again, events included on a stream, "
                        + "and nothing runs twice; 429 and 5xx answers are not kept.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1).maxLength(255)));
        if (ok != null) {
            ok.addHeader(IdempotencyClaims.REPLAYED, OASFactory.createHeader()
                    .description("true on an answer replayed for a repeated Idempotency-Key")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")));
        }
    }

    private static APIResponse problem(Failure failure) {
        Map<String, Object> example = ordered("type", "https://qwen-service.dev/problems/" + failure.code().replace('_', '-'),
                "title", failure.title(), "status", failure.status(), "detail", failure.detail(), "code", failure.code());
        Content content = OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")).example(example));
        return OASFactory.createAPIResponse().description(failure.title() + " (" + failure.code() + ")").content(content);
    }

    private static APIResponse openAiError(Failure failure) {
        String type = switch (failure.status()) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            default -> failure.status() < 500 ? "invalid_request_error" : "api_error";
        };
        Map<String, Object> error = ordered("message", failure.detail(), "type", type, "param", null, "code", failure.code());
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("OpenAiError"))
                .example(Map.of("error", error));
        return OASFactory.createAPIResponse().description(failure.title() + " (" + type + ")")
                .content(OASFactory.createContent().addMediaType(JSON, media));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details with the service's error code")
                .addProperty("type", string).addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string).addProperty("code", string)
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    private static Schema openAiErrorSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema nullableString = OASFactory.createSchema().addType(Schema.SchemaType.STRING).addType(Schema.SchemaType.NULL);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("message", string).addProperty("type", string)
                .addProperty("param", nullableString).addProperty("code", nullableString)
                .required(List.of("message", "type", "param", "code"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("OpenAI's error shape")
                .addProperty("error", error).required(List.of("error"));
    }

    /** A map that keeps the order given (examples read better that way); values may be null. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
