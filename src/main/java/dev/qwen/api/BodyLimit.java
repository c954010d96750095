package dev.qwen.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The body limit is Vert.x' own, {@code quarkus.http.limits.max-body-size}; this only makes its refusals
 * {@code 413 payload_too_large} problems. A declared Content-Length over the limit is answered here, at the
 * front of the router, where Quarkus would answer an empty 413. A chunked body that outgrows the limit fails
 * its route with 413 (answered by the failure handler below) or its JAX-RS read (by {@link ProblemMapper}).
 *
 * <p>
 * The body of every POST to the API (and to {@code /mcp}, whose message is checked before the MCP extension reads it)
 * is also read here, on the event loop, within the limit: Quarkus REST then
 * deserialises it from memory on the endpoint's virtual thread ({@code RoutingContext#body}). Left to Quarkus
 * REST, a virtual-thread endpoint reads its body from the connection, blocking, each piece handed over through
 * a monitor shared with the event loop ({@code VertxBlockingInput}: a tenth of the service's Java samples with
 * 1,000 connections). The idempotency claim's fingerprint reads the same bytes. The body is read before the
 * caller is authenticated: within the limit, that costs memory for a moment and touches no store.
 */
@Singleton
public class BodyLimit {

    static long maxBytes() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
    }

    void register(@Observes Router router) {
        long max = maxBytes();
        BodyHandler read = BodyHandler.create(false).setBodyLimit(max);
        Handler<RoutingContext> readBody = ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            boolean bodiless = ctx.request().getHeader("Transfer-Encoding") == null
                    && (length == null || "0".equals(length.trim()));
            if (bodiless) {
                ctx.next();
            } else {
                read.handle(ctx);
            }
        };
        router.post("/api/v1/*").order(RequestOrder.BODY).handler(readBody);
        router.post("/v1/*").order(RequestOrder.BODY).handler(readBody);
        router.post(McpDoor.PATH).order(RequestOrder.BODY).handler(readBody);
        router.route().order(RequestOrder.DECLARED_SIZE).handler(ctx -> {
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
