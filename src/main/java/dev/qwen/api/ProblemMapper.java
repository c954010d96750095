package dev.qwen.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.langchain4j.service.output.OutputParsingException;
import dev.qwen.agent.SessionBusyException;
import dev.qwen.agent.SessionNotFoundException;
import dev.qwen.common.Causes;
import dev.qwen.invoice.InconsistentInvoiceException;
import dev.qwen.observability.ServiceMetrics;
import dev.qwen.provider.InvalidModelOutputException;
import dev.qwen.provider.ProviderFailure;
import dev.qwen.idempotency.IdempotencyKeyReusedException;
import dev.qwen.idempotency.RequestInProgressException;
import dev.qwen.common.StateUnavailableException;

/**
 * The one table from failures to {@code application/problem+json} with the contract's status and code:
 * {@link #problemFor} decides for a failure, {@link #forStatus} for a refusal the HTTP server or JAX-RS gives
 * by status, and the named factories below for the HTTP layer's own refusals; the exception mapper, the SSE
 * error event, the filters and routes only render.
 * Nothing here echoes an exception's class, stack or a provider's body.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** The status of a call whose caller hung up before its answer (no HTTP status says it). */
    static final int CLIENT_CLOSED = 499;
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 5;
    private static final long SESSION_BUSY_RETRY_AFTER_SECONDS = 2;
    private static final long REQUEST_IN_PROGRESS_RETRY_AFTER_SECONDS = 2;
    /** Jackson's words for a key written twice (STRICT_DUPLICATE_DETECTION); the key is a short JSON name. */
    private static final java.util.regex.Pattern DUPLICATE_KEY = java.util.regex.Pattern
            .compile("^Duplicate field '([A-Za-z0-9_-]{1,64})'");

    /**
     * Every failure a resource lets through. Some types are listed because quarkus-rest-jackson and Hibernate
     * Validator bring mappers of their own for them, and the most specific mapper wins.
     */
    @ServerExceptionMapper(priority = 1, value = {Throwable.class, WebApplicationException.class,
            ConstraintViolationException.class, JsonProcessingException.class, JsonMappingException.class,
            JsonParseException.class, MismatchedInputException.class, InvalidFormatException.class,
            InvalidDefinitionException.class})
    public Response map(Throwable failure, io.vertx.core.http.HttpServerRequest request) {
        // Under /v1/** the same problem is rendered in OpenAI's error shape.
        return Errors.render(request == null ? null : request.path(), problemFor(failure));
    }

    /** The problem a failure means, also for places that cannot answer with a status (an SSE error event). */
    public static Problem problemFor(Throwable failure) {
        // The state store can fail under any layer (a tool, a lease, a filter), which may wrap it.
        if (Causes.find(failure, StateUnavailableException.class).isPresent()) {
            return new Problem(503, "state_unavailable", "State store unavailable",
                    "The service's state store is unreachable; nothing was changed. Try again shortly.", Map.of(),
                    DEFAULT_RETRY_AFTER_SECONDS);
        }
        return switch (failure) {
            // The caller hung up: nobody reads this answer. Not a provider failure nor an error of the service
            // (nothing is logged); 499 is the usual status for it, and never recorded as an idempotent answer.
            case java.util.concurrent.CancellationException gone -> new Problem(CLIENT_CLOSED, "client_closed_request",
                    "Client closed the request", "The call was cancelled: the caller hung up.");
            case SessionBusyException busy -> new Problem(409, "session_busy", "Session busy", busy.getMessage(),
                    Map.of(), SESSION_BUSY_RETRY_AFTER_SECONDS);
            case dev.qwen.agent.ApprovalPendingException waiting -> new Problem(409, "approval_pending",
                    "Approval pending", waiting.getMessage());
            case dev.qwen.approvals.ApprovalNotFoundException missing -> new Problem(404, "approval_not_found",
                    "Approval not found", missing.getMessage());
            case dev.qwen.approvals.ApprovalDecidedException decided -> approvalDecided(decided.getMessage());
            case dev.qwen.agent.ApprovalNotPendingException decided -> approvalDecided(decided.getMessage());
            case dev.qwen.approvals.NotAnApproverException notAnApprover -> forbidden(notAnApprover.getMessage());
            case SessionNotFoundException missing -> new Problem(404, "session_not_found", "Session not found",
                    missing.getMessage());
            case RequestInProgressException running -> new Problem(409, "request_in_progress", "Request in progress",
                    running.getMessage(), Map.of(), REQUEST_IN_PROGRESS_RETRY_AFTER_SECONDS);
            case IdempotencyKeyReusedException reused -> new Problem(422, "idempotency_key_reused",
                    "Idempotency key reused", reused.getMessage());
            case ProviderFailure provider -> provider(provider);
            case InvalidModelOutputException invalid -> invalidModelOutput(invalid.getMessage());
            case OutputParsingException parsing ->
                invalidModelOutput("The model's output could not be parsed into the expected result.");
            case InconsistentInvoiceException invoice -> new Problem(422, "inconsistent_output",
                    "Inconsistent extraction", invoice.getMessage(), Map.of("extraction", invoice.extraction()), null);
            case dev.qwen.usage.LimitExceededException over -> new Problem(429, "rate_limited", "Rate limited",
                    over.getMessage(), Map.of(), over.retryAfterSeconds());
            case dev.qwen.common.InvalidRequestException invalid -> Problem.invalidRequest(invalid.getMessage());
            case dev.qwen.openai.OpenAiRequestException invalid -> new Problem(400, "invalid_request",
                    "Invalid request", invalid.getMessage(),
                    invalid.param() == null ? Map.of() : Map.of("param", invalid.param()), null);
            case dev.qwen.openai.ModelNotFoundException unknown -> new Problem(404, "model_not_found",
                    "Model not found", unknown.getMessage());
            case ConstraintViolationException violations -> Problem.invalidRequest(violations(violations));
            case JsonProcessingException json -> json(json);
            case WebApplicationException web -> web(web);
            default -> internalError();
        };
    }

    /** The problem+json body; every problem answered in this shape (a response, a stream's event) passes here once. */
    public static Map<String, Object> body(Problem problem) {
        counted(problem);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://qwen-service.dev/problems/" + problem.code().replace('_', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("code", problem.code());
        body.putAll(problem.extra());
        return body;
    }

    /** Counted by code where it is rendered, in either shape (here and {@link Errors#openAiBody}). */
    static void counted(Problem problem) {
        ServiceMetrics.record(metrics -> metrics.problem(problem.status(), problem.code()));
    }

    static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(PROBLEM_JSON)
                .entity(body(problem));
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    private static Problem approvalDecided(String detail) {
        return new Problem(409, "approval_decided", "Approval decided", detail);
    }

    static Problem shuttingDown(String detail) {
        return new Problem(503, "shutting_down", "Shutting down", detail, Map.of(), 1L);
    }

    static Problem payloadTooLarge() {
        return new Problem(413, "payload_too_large", "Payload too large",
                "The body is larger than " + BodyLimit.maxBytes() / 1024 + " KiB.");
    }

    private static Problem provider(ProviderFailure failure) {
        return switch (failure.kind()) {
            case RATE_LIMITED -> new Problem(429, "rate_limited", "Provider rate limit",
                    "The model provider is rate limiting requests; try again later.", Map.of(), retryAfter(failure));
            case REFUSED, CREDITS_EXHAUSTED -> new Problem(502, "provider_error", "Provider refused the request",
                    "The model provider refused the request (HTTP " + failure.upstreamStatus() + ").");
            case TIMEOUT -> new Problem(504, "provider_timeout", "Provider timeout",
                    "The model provider did not answer within the configured timeout.");
            case UNAVAILABLE -> new Problem(503, "provider_unavailable", "Provider unavailable",
                    "The model provider is unavailable; try again later.", Map.of(), retryAfter(failure));
        };
    }

    private static long retryAfter(ProviderFailure failure) {
        return failure.retryAfter() != null ? Math.max(1, failure.retryAfter().toSeconds())
                : DEFAULT_RETRY_AFTER_SECONDS;
    }

    private static Problem invalidModelOutput(String detail) {
        return new Problem(502, "invalid_model_output", "Invalid model output", detail);
    }

    /** JAX-RS' own refusals (unknown path, wrong method, media types, size), by status; a bad body, by its cause. */
    private static Problem web(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status >= 400 && status < 500 && !KNOWN_STATUSES.contains(status)) {
            return Causes.find(e, JsonProcessingException.class).map(ProblemMapper::json)
                    .orElseGet(() -> new Problem(status, "invalid_request", "Invalid request",
                            "The request could not be processed."));
        }
        return forStatus(status);
    }

    private static final java.util.Set<Integer> KNOWN_STATUSES = java.util.Set.of(404, 405, 406, 413, 414, 415, 431);

    /**
     * A refusal by its HTTP status alone, as the HTTP server or JAX-RS gives it (unknown path, wrong method,
     * media types, sizes); a failure without a client status is an internal error (logged with an id).
     */
    static Problem forStatus(int status) {
        return switch (status) {
            case 404 -> new Problem(404, "not_found", "Not found", "No such resource.");
            case 405 -> new Problem(405, "method_not_allowed", "Method not allowed",
                    "This resource does not support that method.");
            case 406 -> new Problem(406, "not_acceptable", "Not acceptable",
                    "This resource cannot answer in any media type the Accept header lists.");
            case 413 -> payloadTooLarge();
            case 414 -> new Problem(414, "invalid_request", "URI too long", "The request URI is too long.");
            case 415 -> new Problem(415, "unsupported_media_type", "Unsupported media type",
                    "The body must be JSON (Content-Type: application/json).");
            case 431 -> new Problem(431, "invalid_request", "Request headers too large",
                    "The request headers are too large.");
            default -> status >= 400 && status < 500
                    ? new Problem(status, "invalid_request", "Invalid request",
                            "The request could not be parsed (path, query string or headers).")
                    : internalError();
        };
    }

    static Problem uriTooLong(int maxChars) {
        return new Problem(414, "invalid_request", "URI too long",
                "The request URI is longer than " + maxChars + " characters.");
    }

    static Problem headersTooLarge(int maxBytes) {
        return new Problem(431, "invalid_request", "Request headers too large",
                "The request headers are larger than " + maxBytes / 1024 + " KiB.");
    }

    static Problem unauthorized() {
        return new Problem(401, "unauthorized", "Unauthorized",
                "A valid API key is required: send Authorization: Bearer <key>.");
    }

    static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Forbidden", detail);
    }

    /** A body that broke the JSON reader: malformed, or the wrong shape. */
    private static Problem json(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.contains("end-of-input")) {
            return Problem.invalidRequest("The body is not well-formed JSON: it ends too early.");
        }
        java.util.regex.Matcher duplicate = DUPLICATE_KEY.matcher(original);
        if (duplicate.find()) {
            return Problem.invalidRequest("The body is not well-formed JSON: the key '" + duplicate.group(1)
                    + "' appears twice in one object.");
        }
        if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32")) {
            return Problem.invalidRequest("The body is not valid UTF-8.");
        }
        if (original.contains("nesting depth")) {
            return Problem.invalidRequest("The body is nested too deeply.");
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)) {
            return Problem.invalidRequest(jsonDetail(mapping));
        }
        return Problem.invalidRequest("The body is not well-formed JSON.");
    }

    private static Problem internalError() {
        // No stack trace and no class name in the log either: an id ties the caller's report to this line.
        String id = UUID.randomUUID().toString();
        LOG.errorf("Unexpected failure, error id %s", id);
        return new Problem(500, "internal_error", "Internal error",
                "An unexpected error occurred (error id " + id + ").");
    }

    private static String violations(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(v -> fieldOf(v) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String field = null;
        int depth = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            depth++;
            // method.parameter.field...: the first two nodes name the Java method and parameter
            if (depth > 2 && node.getName() != null) {
                field = field == null ? node.getName() : field + "." + node.getName();
            }
            if (depth > 2 && node.getIndex() != null && field != null) {
                field = field + "[" + node.getIndex() + "]";
            }
        }
        return field == null ? "body" : field;
    }

    private static String jsonDetail(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return "The body is not a JSON object of the expected shape.";
        }
        return field + ": wrong type or malformed value";
    }
}
