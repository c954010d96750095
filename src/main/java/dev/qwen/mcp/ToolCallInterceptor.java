package dev.qwen.mcp;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.MDC;

import dev.qwen.api.McpDoor;
import dev.qwen.api.ProblemMapper;
import dev.qwen.api.ProviderHeaderFilter;
import dev.qwen.api.RequestIdFilter;
import dev.qwen.observability.ServiceMetrics;
import dev.qwen.provider.RequestTrail;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Around every MCP tool call, what the API's filters do around a resource. The extension starts a request scope per
 * MCP message, after the HTTP layer ({@link McpDoor}) has run, so the request's trail is filled here: the endpoint
 * and the calling key's name, which usage, cost and metrics are attributed to, and the log context; the provider that
 * served a model call is named on the answer ({@code X-Provider}), as the API does. Any failure
 * becomes an {@code isError} result carrying the problem it means ({@link ProblemMapper#problemFor}), never a
 * JSON-RPC error or a stack trace.
 */
@McpToolCall
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class ToolCallInterceptor {

    private final RequestTrail trail;
    private final CurrentVertxRequest http;
    private final ToolResults results;
    private final ServiceMetrics metrics;

    ToolCallInterceptor(RequestTrail trail, CurrentVertxRequest http, ToolResults results, ServiceMetrics metrics) {
        this.trail = trail;
        this.http = http;
        this.results = results;
        this.metrics = metrics;
    }

    @AroundInvoke
    Object call(InvocationContext call) {
        RoutingContext ctx = http.getCurrent();
        trail.endpoint(McpDoor.PATH);
        if (ctx != null && McpDoor.caller(ctx) != null) {
            trail.caller(McpDoor.caller(ctx));
            MDC.put("requestId", String.valueOf(ctx.response().headers().get(RequestIdFilter.HEADER)));
        }
        MDC.put("caller", trail.caller());
        ToolResponse response;
        try {
            response = (ToolResponse) call.proceed();
        } catch (Exception failure) {
            response = results.failure(ProblemMapper.problemFor(failure));
        }
        metrics.tool(call.getMethod().getAnnotation(Tool.class).name(), response.isError());
        if (ctx != null && trail.provider() != null && !ctx.response().headWritten()) {
            // Written into the answer, which leaves after the tool returned.
            ctx.response().putHeader(ProviderHeaderFilter.HEADER, trail.provider().wireName());
        }
        return response;
    }
}
