package dev.qwen.api;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP server's own refusals as problems. Vert.x answers a URI or header block over its decoder's limits,
 * a path it cannot decode or a malformed query string with an empty body; here they become
 * {@code application/problem+json}. The decoder's limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are set well above the service's own ({@value #MAX_URI_CHARS} characters of URI,
 * {@value #MAX_HEADER_BYTES} bytes of headers), so a request between the two is read and refused here, with a
 * body. Any failure that reaches the router unanswered is rendered from its status the same way.
 */
@Singleton
public class HttpRefusals {

    private static final Logger LOG = Logger.getLogger(HttpRefusals.class);
    static final int MAX_URI_CHARS = 8 * 1024;
    static final int MAX_HEADER_BYTES = 32 * 1024;

    void register(@Observes Router router) {
        // Failures raised before any route matched (an undecodable path, a missing Host) reach these.
        for (int status : new int[] {400, 404, 405, 413, 414, 431, 500}) {
            router.errorHandler(status, ctx -> {
                if (!ctx.response().ended() && !ctx.response().headWritten()) {
                    answer(ctx, ProblemMapper.forStatus(status));
                }
            });
        }
        router.route().order(RequestOrder.REQUEST_SHAPE).handler(ctx -> {
            if (!parseable(ctx.request().uri())) {
                answer(ctx, Problem.invalidRequest("The request target is not a valid URI."));
                return;
            }
            if (ctx.request().uri().length() > MAX_URI_CHARS) {
                answer(ctx, ProblemMapper.uriTooLong(MAX_URI_CHARS));
                return;
            }
            if (headerBytes(ctx) > MAX_HEADER_BYTES) {
                answer(ctx, ProblemMapper.headersTooLarge(MAX_HEADER_BYTES));
                return;
            }
            try {
                ctx.queryParams(); // decodes the query string: a malformed one fails here, not deep inside
            } catch (RuntimeException malformed) {
                answer(ctx, Problem.invalidRequest("The query string is malformed."));
                return;
            }
            ctx.next();
        }).failureHandler(ctx -> {
            if (ctx.response().closed()) {
                // The caller hung up (a stream's connection closed under it): nobody to answer, nothing went wrong here.
                LOG.debugf("%s: the caller hung up", ctx.normalizedPath());
                return;
            }
            if (ctx.response().ended() || ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            int status = ctx.statusCode();
            answer(ctx, status < 400 && ctx.failure() != null ? ProblemMapper.problemFor(ctx.failure())
                    : ProblemMapper.forStatus(status));
        });
    }

    /**
     * Requests whose head the decoder refused never reach the router: Vert.x hands them to the server's
     * invalid-request handler, installed here once the server runs (it applies to connections opened after).
     */
    void installInvalidRequestHandler(@Observes HttpServerStart start, Vertx vertx) {
        java.util.List<HttpServer> servers = HttpServerInternals.servers(vertx);
        servers.forEach(server -> server.invalidRequestHandler(HttpRefusals::invalidRequest));
        if (servers.isEmpty()) {
            LOG.warn("Could not reach the HTTP server: unparseable requests get Vert.x' empty answers");
        }
    }

    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        Problem problem = cause instanceof TooLongHttpLineException ? ProblemMapper.forStatus(414)
                : cause instanceof TooLongHttpHeaderException ? ProblemMapper.forStatus(431)
                : Problem.invalidRequest("The request could not be parsed (request line or headers).");
        Errors.refuse(request.response(), request.path(), problem);
    }

    /** What Quarkus' root handler checks before routing, when {@link ServiceMain} has not switched it off. */
    private static boolean parseable(String uri) {
        try {
            new java.net.URI(uri);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static long headerBytes(RoutingContext ctx) {
        long total = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }


    private static void answer(RoutingContext ctx, Problem problem) {
        Errors.refuse(ctx.response(), ctx.request().path(), problem);
    }
}
