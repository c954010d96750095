package dev.qwen.api;

import java.net.URI;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The API's filters for {@code /mcp}: the MCP extension serves it as a Vert.x route, which Quarkus REST filters never
 * see, so these steps are routes in front of it ({@link RequestOrder}): the request's id and the API key (refused
 * with the API's 401), the key's limits, then what the Streamable HTTP transport accepts here. The caller's name is
 * left on the request for the tool call ({@link #caller}).
 *
 * <p>
 * Only a POST to {@code /mcp} carries messages. A GET (a stream for messages the server starts) and a DELETE (ending
 * a session) are answered 405, as the transport allows: the service starts no messages, and an MCP session lives in
 * one replica's memory, where a stream or a DELETE sent to another replica could not find it (a POST can: any replica
 * serves a session it does not know). The older HTTP+SSE transport under {@code /mcp/sse} is not served, for the
 * same reason. A page of another origin is refused, as the transport asks servers to do.
 */
@Singleton
public class McpDoor {

    public static final String PATH = "/mcp";
    /** {@code /mcp} and everything under it, where the extension also has routes. */
    static final String PATHS = "/mcp(/.*)?";
    private static final String CALLER = "qwen.caller";

    private final ApiKeyFilter keys;
    private final KeyLimitsFilter limits;

    McpDoor(ApiKeyFilter keys, KeyLimitsFilter limits) {
        this.keys = keys;
        this.limits = limits;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(PATHS).order(RequestOrder.MCP_AUTHENTICATION).handler(this::authenticate);
        router.routeWithRegex(PATHS).order(RequestOrder.MCP_KEY_LIMITS).handler(this::limit);
        router.routeWithRegex(PATHS).order(RequestOrder.MCP_TRANSPORT).handler(this::transport);
    }

    /** The calling key's name ({@code anonymous} without keys), once the request passed this door. */
    public static String caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    private void authenticate(RoutingContext ctx) {
        String id = RequestIdFilter.idFor(ctx.request().getHeader(RequestIdFilter.HEADER));
        ctx.response().putHeader(RequestIdFilter.HEADER, id);
        resume(ctx, keys.caller(QuarkusHttpUser.getSecurityIdentity(ctx, null)), caller -> {
            if (caller == null) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                answer(ctx, ApiKeyFilter.unauthorized());
                return;
            }
            ctx.put(CALLER, caller);
            ctx.next();
        });
    }

    private void limit(RoutingContext ctx) {
        boolean mayCallModel = KeyLimitsFilter.mayCallModel(ctx.request().method().name());
        resume(ctx, limits.refusal(caller(ctx), mayCallModel), problem -> {
            if (problem == null) {
                ctx.next();
            } else {
                answer(ctx, problem);
            }
        });
    }

    private void transport(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!PATH.equals(ctx.normalizedPath())) {
            answer(ctx, ProblemMapper.forStatus(404));
        } else if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader("Allow", "POST");
            answer(ctx, ProblemMapper.forStatus(405));
        } else if (foreignOrigin(request)) {
            answer(ctx, ProblemMapper.forbidden("Requests from a page of another origin are not served on /mcp."));
        } else if (!listed(request.getHeader("Content-Type"), "application/json")) {
            answer(ctx, ProblemMapper.forStatus(415));
        } else if (!listed(String.join(",", request.headers().getAll("Accept")), "application/json")
                || !listed(String.join(",", request.headers().getAll("Accept")), "text/event-stream")) {
            // The transport has clients accept both; the extension refuses anything else with an error in the log.
            answer(ctx, ProblemMapper.forStatus(406));
        } else {
            ctx.next();
        }
    }

    /** A page served from elsewhere (DNS rebinding included): its Origin names another host than the request. */
    private static boolean foreignOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getAuthority();
            return authority == null || !authority.equalsIgnoreCase(request.getHeader("Host"));
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }

    private static boolean listed(String header, String mediaType) {
        return header != null && header.toLowerCase(java.util.Locale.ROOT).contains(mediaType);
    }

    /** Continues on the request's event loop once {@code step} decided; a failure is answered as its problem. */
    private static <T> void resume(RoutingContext ctx, Uni<T> step, Consumer<T> then) {
        Context context = Vertx.currentContext();
        step.emitOn(task -> context.runOnContext(ignored -> task.run()))
                .subscribe().with(then, failure -> answer(ctx, ProblemMapper.problemFor(failure)));
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        Errors.answer(ctx.response(), ctx.normalizedPath(), problem);
    }
}
