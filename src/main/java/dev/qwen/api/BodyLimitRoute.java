package dev.qwen.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body whose Content-Length is over 256 KiB is answered {@code 413 payload_too_large} as problem+json
 * before anything reads it, at the front of the HTTP router (Vert.x' own limit would answer an empty 413).
 * Chunked bodies are counted by {@link LimitsFilter} as they are read.
 */
@Singleton
public class BodyLimitRoute {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > LimitsFilter.MAX_BODY_BYTES) {
                tooLarge(ctx);
                return;
            }
            ctx.next();
        }).failureHandler(ctx -> {
            // A chunked body that outgrows Vert.x' backstop limit fails the route with 413.
            if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                tooLarge(ctx);
                return;
            }
            ctx.next();
        });
    }

    private static void tooLarge(RoutingContext ctx) {
        ctx.response().setStatusCode(413)
                .putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
                .putHeader("Connection", "close")
                .end(Json.encode(ProblemMapper.body(LimitsFilter.tooLarge())));
    }
}
