package dev.qwen.api;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.qwen.openai.OpenAiError;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * Renders a {@link Problem} in the shape its path speaks: OpenAI's {@code {"error": {...}}} under
 * {@code /v1/**}, {@code application/problem+json} everywhere else. The decision (status, code) is
 * {@link ProblemMapper}'s alone.
 */
final class Errors {

    private Errors() {
    }

    static boolean openAi(String path) {
        return path != null && (path.startsWith("/v1/") || path.equals("/v1"));
    }

    static Response render(String path, Problem problem) {
        if (!openAi(path)) {
            return ProblemMapper.respond(problem);
        }
        Response.ResponseBuilder response = Response.status(problem.status()).type(MediaType.APPLICATION_JSON)
                .entity(openAiBody(problem));
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    /**
     * Answers {@code problem} on the HTTP server's own level (before or outside JAX-RS) in the shape its path
     * speaks, and closes the connection: what follows a refused request head or body is not read.
     */
    static void refuse(HttpServerResponse response, String path, Problem problem) {
        response.putHeader("Connection", "close");
        answer(response, path, problem);
    }

    /** Answers {@code problem} outside JAX-RS, keeping the connection: for a request that was read whole. */
    static void answer(HttpServerResponse response, String path, Problem problem) {
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", openAi(path) ? MediaType.APPLICATION_JSON : ProblemMapper.PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        response.end(Json.encode(openAi(path) ? openAiBody(problem) : ProblemMapper.body(problem)));
    }

    /** The OpenAI-shaped body of a problem; every problem answered in this shape passes here once. */
    static Map<String, Object> openAiBody(Problem problem) {
        ProblemMapper.counted(problem);
        Object param = problem.extra().get("param");
        return OpenAiError.of(problem.status(), problem.code(), problem.detail(),
                param == null ? null : param.toString()).body();
    }
}
