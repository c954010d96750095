package dev.qwen.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

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
 * cannot say, in one place: a stable operation id, tag, summary and examples for every operation, every
 * problem response it can give (problem+json, or OpenAI's error shape under {@code /v1}), the event types of
 * the streams, and the bearer-key security scheme. Registered as {@code mp.openapi.filter}; runs once, when
 * the document is built. Schemas no Java type declares are in {@code META-INF/openapi.yaml}.
 * <p>
 * The document holds the service's own schemas only. Library types the scan meets in signatures are
 * replaced by the JSON they are on the wire ({@link #LIBRARY_TYPES}), and framework types that are no body
 * at all are dropped. Every property of a schema that a JSON response carries is {@code required}, since
 * the service writes every field of its records, null or not; a record that leaves fields out (for example
 * with {@code @JsonInclude(NON_NULL)}) says which ones it always has with {@code @Schema(requiredProperties)},
 * and a field that may be null says so with {@code @Schema(nullable = true)}. Components, paths and responses
 * are sorted, so the document is the same on every build (the repository keeps a copy, docs/openapi.yaml).
 */
public class OpenApiContract implements OASFilter {

    private static final String PROBLEM_JSON = ProblemMapper.PROBLEM_JSON;
    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream";
    private static final String REF = "#/components/schemas/";
    /** Maps each event name of a stream to the schema of its data. */
    private static final String EVENTS = "x-sse-events";

    /** Library types as the JSON they are written as. */
    private static final Map<String, Supplier<Schema>> LIBRARY_TYPES = Map.of(
            "JsonNode", () -> OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).additionalPropertiesBoolean(true),
            "Instant", () -> OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time"),
            "LocalDate", () -> OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date"));
    /** Framework types that reach the scan through a signature but are never a body. */
    private static final Set<String> NOT_BODIES = Set.of("JsonNodeType", "OutboundSseEvent", "MediaType");

    /** The groups of operations (one API class each in a generated client), in this order. */
    private static final Map<String, String> TAGS = ordered(
            "Triage", "Classify customer messages",
            "Invoices", "Extract invoices from text",
            "Assistant", "The order-support assistant: turns, streams and sessions",
            "Workflows", "Multi-step workflows over orders",
            "Approvals", "Tool calls that wait for a person's decision",
            "Usage", "The calling key's usage",
            "Providers", "The model providers and their circuits",
            "OpenAI", "OpenAI-compatible endpoint");

    /** What each operation is: its id, group, summary, and request and response examples. */
    private record Doc(String operationId, String tag, String summary, String description, Object request,
            Object response) {
    }

    /** A stream's event names with the schema of each one's data, and an example of the stream. */
    private record Events(Map<String, String> schemas, String example) {
    }

    private static final Map<String, Doc> DOCS = new LinkedHashMap<>();
    private static final Map<String, Events> STREAMS = new LinkedHashMap<>();

    static {
        DOCS.put("POST /api/v1/triage", new Doc("triageMessage", "Triage", "Classify a customer message",
                "Category, priority, sentiment, a one-line summary, the order ids named and the language. Thinking off, no tools.",
                ordered("text", "Where is my order A1001? It was due yesterday."),
                ordered("category", "SHIPPING", "priority", "HIGH", "sentiment", "NEGATIVE", "summary",
                        "Customer asks where late order A1001 is.", "orderIds", List.of("A1001"), "language", "en")));
        DOCS.put("POST /api/v1/invoices/extract", new Doc("extractInvoice", "Invoices", "Extract an invoice from text",
                "Typed extraction with the arithmetic checked; one correction round, then 422 inconsistent_output.",
                ordered("text", "ACME GmbH, invoice INV-7, 2026-11-02: 2 x Cable at 5.00 = 10.00; VAT 1.90; total 11.90 EUR"),
                ordered("vendor", "ACME GmbH", "invoiceNumber", "INV-7", "issueDate", "2026-11-02", "currency", "EUR",
                        "lineItems", List.of(ordered("description", "Cable", "quantity", 2, "unitPrice", 5.00, "amount", 10.00)),
                        "subtotal", 10.00, "tax", 1.90, "total", 11.90)));
        Map<String, Object> chat = ordered("sessionId", "s-42", "message", "Where is order A1001?", "toolChoice", "auto",
                "parallelToolCalls", true, "thinking", false, "includeReasoning", false);
        Map<String, Object> usage = ordered("promptTokens", 812, "completionTokens", 64, "reasoningTokens", 0,
                "totalTokens", 876, "cost", ordered("amount", 0.000178, "currency", "USD"));
        DOCS.put("POST /api/v1/assistant/chat", new Doc("chatWithAssistant", "Assistant",
                "One turn with the order-support assistant",
                "Memory per session, tools under the caller's policy (auto, none, required or a tool name), thinking opt-in.",
                chat,
                ordered("sessionId", "s-42", "status", "completed", "answer", "Order A1001 is in transit with DHL, due 2026-11-25.",
                        "toolCalls", List.of(ordered("id", "call_1", "name", "trackShipment", "arguments",
                                ordered("orderId", "A1001"), "result", ordered("orderId", "A1001", "carrier", "DHL",
                                        "trackingNumber", "JD014600006281", "status", "IN_TRANSIT", "eta", "2026-11-25"))),
                        "approvals", List.of(), "reasoning", null, "usage", usage, "provider", "aimlapi", "model",
                        "alibaba/qwen3-32b")));
        DOCS.put("POST /api/v1/assistant/chat/stream", new Doc("streamChatWithAssistant", "Assistant",
                "The same turn as Server-Sent Events",
                "Events in order of occurrence: reasoning {text} (only with includeReasoning), token {text}, tool_call "
                        + "{id, name, arguments}, tool_result {id, name, result}, approval_required {approvals} (when a call "
                        + "waits for a person's decision), then exactly one of done {sessionId, usage, "
                        + "provider, model} or error (a problem object); x-sse-events names each event's data schema. A "
                        + "failure before the first event is not streamed: the answer is the problem itself. A client that "
                        + "disconnects cancels the upstream call.",
                chat, null));
        STREAMS.put("POST /api/v1/assistant/chat/stream", new Events(
                ordered("reasoning", "StreamText", "token", "StreamText", "tool_call", "StreamToolCall",
                        "tool_result", "StreamToolResult", "approval_required", "ApprovalRequired", "done", "StreamDone",
                        "error", "Problem"),
                "event: token\ndata: {\"text\":\"Let me check. \"}\n\n"
                        + "event: tool_call\ndata: {\"id\":\"call_1\",\"name\":\"trackShipment\",\"arguments\":{\"orderId\":\"A1001\"}}\n\n"
                        + "event: tool_result\ndata: {\"id\":\"call_1\",\"name\":\"trackShipment\",\"result\":{\"orderId\":\"A1001\",\"status\":\"IN_TRANSIT\"}}\n\n"
                        + "event: reasoning\ndata: {\"text\":\"The shipment is in transit.\"}\n\n"
                        + "event: token\ndata: {\"text\":\"It is in transit.\"}\n\n"
                        + "event: done\ndata: {\"sessionId\":\"s-42\",\"usage\":{\"promptTokens\":812,\"completionTokens\":64,\"reasoningTokens\":0,\"totalTokens\":876,\"cost\":null},\"provider\":\"aimlapi\",\"model\":\"alibaba/qwen3-32b\"}\n\n"
                        + "event: error\ndata: {\"type\":\"https://qwen-service.dev/problems/provider-timeout\",\"title\":\"Provider timeout\",\"status\":504,\"detail\":\"The model provider did not answer within the configured timeout.\",\"code\":\"provider_timeout\"}\n\n"));
        DOCS.put("GET /api/v1/assistant/sessions/{id}", new Doc("getSession", "Assistant", "A session's messages", null,
                null, ordered("sessionId", "s-42", "messages", List.of(ordered("role", "user", "content", "Where is A1001?")),
                        "expiresAt", "2026-11-24T10:00:00Z")));
        DOCS.put("DELETE /api/v1/assistant/sessions/{id}", new Doc("deleteSession", "Assistant", "Erase a session",
                "204, then 404 for that id.", null, null));
        DOCS.put("POST /api/v1/workflows/order-review", new Doc("reviewOrders", "Workflows", "Review several orders at once",
                "The model looks the orders up with parallel tool calls, run concurrently, then answers a typed review.",
                ordered("orderIds", List.of("A1001", "A1002"), "question", "Anything late?"),
                ordered("orders", List.of(ordered("orderId", "A1001", "status", "SHIPPED", "carrier", "DHL", "eta",
                        "2026-11-25", "problem", null)), "summary", "One order in transit, on time.",
                        "suggestedActions", List.of("No action needed"))));
        Map<String, Object> refund = ordered("id", "call_3", "name", "requestRefund", "arguments",
                ordered("orderId", "A1002", "amount", 249.00, "reason", "arrived broken"));
        DOCS.put("GET /api/v1/approvals", new Doc("listApprovals", "Approvals", "Tool calls waiting for a decision",
                "The calling key's own pending approvals; an approver sees every one.", null,
                ordered("approvals", List.of(ordered("id", "apr_7f3c", "sessionId", "s-42", "toolCall", refund,
                        "requestedBy", "team-a", "createdAt", "2026-11-23T10:00:00Z", "expiresAt",
                        "2026-11-24T10:00:00Z")))));
        DOCS.put("POST /api/v1/approvals/{id}", new Doc("decideApproval", "Approvals", "Approve or reject a tool call",
                "Approvers only (qwen.approvals.approvers). Approved, the tool runs once under its own rules; rejected, "
                        + "the model is told who declined and why. The session's turn then continues: the answer is the "
                        + "assistant's.",
                ordered("decision", "approve", "note", "Checked the photos."),
                ordered("sessionId", "s-42", "status", "completed", "answer", "Your refund of 249.00 EUR is on its way.",
                        "toolCalls", List.of(), "approvals", List.of(), "reasoning", null, "usage", usage, "provider",
                        "aimlapi", "model", "alibaba/qwen3-32b")));
        DOCS.put("GET /api/v1/providers", new Doc("getProviders", "Providers", "Which provider serves, and its state", null,
                null, ordered("primary", "aimlapi", "fallback", "tir", "providers", List.of(ordered("name", "aimlapi", "model",
                        "alibaba/qwen3-32b", "baseUrl", "https://api.aimlapi.com/v1", "circuit", "CLOSED")))));
        DOCS.put("GET /api/v1/usage", new Doc("getUsage", "Usage", "The calling key's usage today (UTC)",
                "Requests, tokens and, when prices are configured, cost; counted in the state store.", null,
                ordered("key", "team-a", "day", "2026-11-23", "requests", 12, "promptTokens", 9120, "completionTokens",
                        1540, "reasoningTokens", 0, "cost", ordered("amount", 0.006028, "currency", "USD"))));
        DOCS.put("GET /v1/models", new Doc("listModels", "OpenAI", "OpenAI-compatible: the models served", null, null,
                ordered("object", "list", "data", List.of(ordered("id", "qwen3-32b", "object", "model", "created",
                        1767225600, "owned_by", "qwen-service")))));
        DOCS.put("POST /v1/chat/completions", new Doc("createChatCompletion", "OpenAI", "OpenAI-compatible chat completions",
                "OpenAI's request and response or, with stream: true, its chat.completion.chunk events (each a data line, "
                        + "an error object in OpenAI's shape when the call fails after the stream started) ending with "
                        + "data: [DONE]; a stream is answered to Accept text/event-stream, application/json or */*. Served "
                        + "by Qwen3-32B with the service's failover, circuits, keys, limits and metrics. Thinking is off "
                        + "unless reasoning_effort or enable_thinking asks; reasoning comes as reasoning_content. The "
                        + "service does not run tools here: the caller does.",
                ordered("model", "qwen3-32b", "messages", List.of(ordered("role", "user", "content", "Say hello")),
                        "temperature", 0.7, "max_tokens", 64),
                ordered("id", "chatcmpl-1", "object", "chat.completion", "created", 1767225600, "model", "qwen3-32b",
                        "choices", List.of(ordered("index", 0, "message", ordered("role", "assistant", "content",
                                "Hello!"), "logprobs", null, "finish_reason", "stop")),
                        "usage", ordered("prompt_tokens", 9, "completion_tokens", 3, "total_tokens", 12,
                                "completion_tokens_details", ordered("reasoning_tokens", 0), "cost", null))));
        STREAMS.put("POST /v1/chat/completions", new Events(ordered("message", "ChatCompletionChunk"),
                "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                        + "\"model\":\"qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}]}\n\ndata: [DONE]\n\n"));
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

    /**
     * Replaces a reference to a library type by the JSON it is written as. A nullable one arrives as
     * {@code anyOf: [type, null]}, which becomes that type, nullable, whichever of the two is filtered first.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        Schema plain = plain(schema);
        if (plain != null) {
            return plain;
        }
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf == null || anyOf.size() != 2 || anyOf.stream().noneMatch(OpenApiContract::isNull)) {
            return schema;
        }
        Schema other = anyOf.stream().filter(s -> !isNull(s)).findFirst().orElseThrow();
        Schema nullable = plain(other) != null ? plain(other) : other.getRef() == null ? other : null;
        if (nullable == null) {
            return schema; // a reference to one of ours: the writer says nullable its own way
        }
        if (schema.getDescription() != null) {
            nullable.setDescription(schema.getDescription());
        }
        return nullable.addType(Schema.SchemaType.NULL);
    }

    private static Schema plain(Schema schema) {
        String ref = schema.getRef();
        Supplier<Schema> plain = ref == null ? null : LIBRARY_TYPES.get(ref.substring(ref.lastIndexOf('/') + 1));
        if (plain == null) {
            return null;
        }
        Schema json = plain.get();
        if (schema.getDescription() != null) {
            json.setDescription(schema.getDescription());
        }
        return json;
    }

    private static boolean isNull(Schema schema) {
        return schema.getRef() == null && List.of(Schema.SchemaType.NULL).equals(schema.getType());
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme("apiKey", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("One of APP_API_KEYS, as Authorization: Bearer <key>; required when keys are configured."));
        SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme("apiKey");
        openAPI.setSecurity(new ArrayList<>(List.of(bearer)));
        openAPI.setTags(new ArrayList<>(TAGS.entrySet().stream()
                .map(tag -> OASFactory.createTag().name(tag.getKey()).description(tag.getValue())).toList()));
        Map<String, Schema> schemas = new TreeMap<>(openAPI.getComponents().getSchemas() == null ? Map.of()
                : openAPI.getComponents().getSchemas());
        schemas.keySet().removeAll(LIBRARY_TYPES.keySet());
        schemas.keySet().removeAll(NOT_BODIES);
        openAPI.getComponents().setSchemas(schemas);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().setPathItems(new TreeMap<>(openAPI.getPaths().getPathItems()));
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), op.getKey(), op.getValue());
            }
        }
        requireWhatResponsesAlwaysCarry(openAPI, schemas);
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        String key = method + " " + path;
        Doc doc = DOCS.get(key);
        if (doc != null) {
            operation.setOperationId(doc.operationId());
            operation.setTags(new ArrayList<>(List.of(doc.tag())));
            operation.setSummary(doc.summary());
            if (doc.description() != null) {
                operation.setDescription(doc.description());
            }
            if (doc.request() != null && operation.getRequestBody() != null
                    && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> m.setExample(doc.request()));
            }
        } else {
            // Not in the table yet: still an id and a summary, derived from the route so that they are stable.
            operation.setOperationId(derivedOperationId(method, path));
            if (operation.getSummary() == null) {
                operation.setSummary(key);
            }
        }
        APIResponses responses = operation.getResponses() != null ? operation.getResponses() : OASFactory.createAPIResponses();
        boolean openAi = path.startsWith("/v1/");
        APIResponse ok = responses.getAPIResponse("200");
        if (ok != null && doc != null && doc.response() != null && ok.getContent() != null) {
            MediaType json = ok.getContent().getMediaType(JSON);
            if (json != null) {
                json.setExample(doc.response());
            }
        }
        Events events = STREAMS.get(key);
        if (ok != null && events != null) {
            stream(ok, events, doc);
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
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null || existing.getContent() == null || existing.getContent().getMediaTypes().isEmpty()) {
                responses.addAPIResponse(status, openAi ? openAiError(failure) : problem(failure));
            }
        }
        APIResponses sorted = OASFactory.createAPIResponses();
        responses.getAPIResponses().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(r -> sorted.addAPIResponse(r.getKey(), r.getValue()));
        operation.setResponses(sorted);
    }

    /**
     * A stream's answer is text/event-stream: a body to read as it comes, not one JSON value (a generated
     * client hands it over unparsed), with its events and the schema of each one's data.
     */
    private static void stream(APIResponse ok, Events events, Doc doc) {
        Map<String, Object> schemas = new LinkedHashMap<>();
        events.schemas().forEach((event, schema) -> schemas.put(event, Map.of("$ref", REF + schema)));
        MediaType sse = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("binary"))
                .example(events.example()).addExtension(EVENTS, schemas);
        Content content = ok.getContent() != null && ok.getContent().getMediaType(JSON) != null
                ? ok.getContent() : OASFactory.createContent();
        ok.setContent(content.addMediaType(SSE, sse));
        if (doc != null && content.getMediaType(JSON) == null) {
            ok.setDescription(doc.summary());
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

    /**
     * Marks every property required in the schemas that JSON responses carry, unless the schema lists its
     * required properties itself. Schemas that requests carry too are left alone: there, absent means default.
     */
    private static void requireWhatResponsesAlwaysCarry(OpenAPI openAPI, Map<String, Schema> schemas) {
        Set<String> responses = new HashSet<>();
        Set<String> requests = new HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(m -> reach(m.getSchema(), schemas, requests));
                }
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && response.getContent() != null
                            && response.getContent().getMediaType(JSON) != null) {
                        reach(response.getContent().getMediaType(JSON).getSchema(), schemas, responses);
                    }
                });
            }
        }
        responses.removeAll(requests);
        for (String name : responses) {
            Schema schema = schemas.get(name);
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    /** Adds the names of the component schemas {@code schema} refers to, directly or not. */
    private static void reach(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (schemas.containsKey(name) && names.add(name)) {
                reach(schemas.get(name), schemas, names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> reach(p, schemas, names));
        }
        reach(schema.getItems(), schemas, names);
        reach(schema.getAdditionalPropertiesSchema(), schemas, names);
        for (List<Schema> all : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (all != null) {
                all.forEach(s -> reach(s, schemas, names));
            }
        }
    }

    /** {@code POST /api/v1/approvals/{id}} becomes {@code postApprovalsById}. */
    private static String derivedOperationId(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("api") || segment.matches("v\\d+")) {
                continue;
            }
            if (segment.startsWith("{")) {
                id.append("By");
            }
            for (String word : segment.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return id.toString();
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
                .example(ordered("error", error));
        return OASFactory.createAPIResponse().description(failure.title() + " (" + type + ")")
                .content(OASFactory.createContent().addMediaType(JSON, media));
    }

    /** A map that keeps the order given (examples read better that way, and print the same on every build). */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
