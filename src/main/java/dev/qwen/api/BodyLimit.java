package dev.qwen.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The body limit is Vert.x' own, {@code quarkus.http.limits.max-body-size}; this only makes its refusals
 * {@code 413 payload_too_large} problems. A declared Content-Length over the limit is answered here, at the
 * front of the router, where Quarkus would answer an empty 413. A chunked body that outgrows the limit fails
 * its route with 413 (answered by the failure handler below) or its JAX-RS read (by {@link ProblemMapper}).
 */
@Singleton
public class BodyLimit {

    static long maxBytes() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
    }

    void register(@Observes Router router) {
        long max = maxBytes();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                long declared;
                try {
                    declared = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    answer(ctx, Problem.invalidRequest("Content-Length is not a number."));
                    return;
                }
                if (declared > max) {
                    answer(ctx, ProblemMapper.payloadTooLarge());
                    return;
                }
            }
            ctx.next();
        }).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                answer(ctx, ProblemMapper.payloadTooLarge());
                return;
            }
            ctx.next();
        });
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        Errors.refuse(ctx.response(), ctx.normalizedPath(), problem);
    }
}
