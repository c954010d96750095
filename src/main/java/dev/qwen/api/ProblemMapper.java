package dev.qwen.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.langchain4j.service.output.OutputParsingException;
import dev.qwen.provider.InvalidModelOutputException;
import dev.qwen.provider.ProviderFailure;

/**
 * The one place that turns any failure into {@code application/problem+json} with the contract's
 * status and code. Nothing here echoes an exception's class, stack or a provider's body.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper(priority = 1)
    public Response apiProblem(ApiProblem problem) {
        return respond(problem);
    }

    @ServerExceptionMapper(priority = 1)
    public Response providerFailure(ProviderFailure failure) {
        return respond(toProblem(failure));
    }

    public static ApiProblem toProblem(ProviderFailure failure) {
        return switch (failure.kind()) {
            case RATE_LIMITED -> new ApiProblem(429, "rate_limited", "Provider rate limit",
                    "The model provider is rate limiting requests; try again later.", Map.of(),
                    failure.retryAfter() != null ? Math.max(1, failure.retryAfter().toSeconds())
                            : DEFAULT_RETRY_AFTER_SECONDS);
            case REFUSED, CREDITS_EXHAUSTED -> new ApiProblem(502, "provider_error", "Provider refused the request",
                    "The model provider refused the request (HTTP " + failure.upstreamStatus() + ").");
            case TIMEOUT -> new ApiProblem(504, "provider_timeout", "Provider timeout",
                    "The model provider did not answer within the configured timeout.");
            case UNAVAILABLE -> new ApiProblem(503, "provider_unavailable", "Provider unavailable",
                    "The model provider is unavailable; try again later.", Map.of(),
                    failure.retryAfter() != null ? Math.max(1, failure.retryAfter().toSeconds())
                            : DEFAULT_RETRY_AFTER_SECONDS);
        };
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidModelOutput(InvalidModelOutputException e) {
        return respond(new ApiProblem(502, "invalid_model_output", "Invalid model output", e.getMessage()));
    }

    @ServerExceptionMapper(priority = 1)
    public Response outputParsing(OutputParsingException e) {
        return respond(new ApiProblem(502, "invalid_model_output", "Invalid model output",
                "The model's output could not be parsed into the expected result."));
    }

    @ServerExceptionMapper(priority = 1)
    public Response violations(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> fieldOf(v) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(ApiProblem.invalidRequest(detail));
    }

    /**
     * Listed one by one because quarkus-rest-jackson brings its own mappers for some of these subtypes, and
     * the most specific mapper wins.
     */
    @ServerExceptionMapper(priority = 1, value = {MismatchedInputException.class, InvalidFormatException.class,
            JsonParseException.class, JsonMappingException.class, JsonProcessingException.class})
    public Response badJson(JsonProcessingException e) {
        return respond(jsonProblem(e));
    }

    /** A body that broke the JSON reader: malformed, the wrong shape, or cut off by the size limit. */
    private static ApiProblem jsonProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ApiProblem problem) {
                return problem;
            }
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.contains("end-of-input")) {
            return ApiProblem.invalidRequest("The body is not well-formed JSON: it ends too early.");
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)) {
            return ApiProblem.invalidRequest(jsonDetail(mapping));
        }
        return ApiProblem.invalidRequest("The body is not well-formed JSON.");
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (e instanceof NotSupportedException || status == 415) {
            return respond(new ApiProblem(415, "unsupported_media_type", "Unsupported media type",
                    "The body must be JSON (Content-Type: application/json)."));
        }
        if (e instanceof NotFoundException || status == 404) {
            return respond(new ApiProblem(404, "not_found", "Not found", "No such resource."));
        }
        if (e instanceof NotAllowedException || status == 405) {
            return respond(new ApiProblem(405, "method_not_allowed", "Method not allowed",
                    "This resource does not support that method."));
        }
        if (status == 413) {
            return respond(LimitsFilter.tooLarge());
        }
        if (status >= 400 && status < 500) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException json) {
                return respond(jsonProblem(json));
            }
            return respond(new ApiProblem(status, status == 406 ? "not_acceptable" : "invalid_request",
                    "Invalid request", "The request could not be processed."));
        }
        return unexpected(e);
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(Throwable e) {
        // No stack trace and no class name in the log either: an id ties the caller's report to this line.
        String id = UUID.randomUUID().toString();
        LOG.errorf("Unexpected failure, error id %s", id);
        return respond(new ApiProblem(500, "internal_error", "Internal error",
                "An unexpected error occurred (error id " + id + ")."));
    }

    /** The problem a failure means, for places that cannot answer with a status (an SSE error event). */
    public static ApiProblem problemFor(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        if (failure instanceof ProviderFailure provider) {
            return toProblem(provider);
        }
        if (failure instanceof InvalidModelOutputException invalid) {
            return new ApiProblem(502, "invalid_model_output", "Invalid model output", invalid.getMessage());
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf("Unexpected failure, error id %s", id);
        return new ApiProblem(500, "internal_error", "Internal error",
                "An unexpected error occurred (error id " + id + ").");
    }

    public static Map<String, Object> body(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://qwen-service.dev/problems/" + problem.code().replace('_', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("code", problem.code());
        body.putAll(problem.extra());
        return body;
    }

    public static Response respond(ApiProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(PROBLEM_JSON)
                .entity(body(problem));
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
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
