package dev.qwen.api;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.qwen.provider.RequestTrail;

/**
 * Every request gets an id (the caller's {@code X-Request-Id} when it is sane, else a new one): it is in
 * every log line of the request (MDC {@code requestId}, a field of the JSON logs) and returned as
 * {@code X-Request-Id}. Runs first, so even a 401 or 413 carries it.
 */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "qwen.request-id";
    private static final java.util.List<String> WITH_ID = java.util.List.of("/api/v1/approvals/",
            "/api/v1/assistant/sessions/");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final RequestTrail trail;

    RequestIdFilter(RequestTrail trail) {
        this.trail = trail;
    }

    @ServerRequestFilter(preMatching = true, priority = RequestOrder.REQUEST_ID)
    public void assign(ContainerRequestContext request) {
        String id = idFor(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, id);
        MDC.put("requestId", id);
        trail.endpoint(endpoint(request.getUriInfo().getPath()));
    }

    /** The caller's id when it is sane, else a new one. */
    static String idFor(String given) {
        return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /**
     * The endpoint as a metrics label: a path's ids become its template's placeholder, so that an approval or
     * a session is not a series of its own.
     */
    static String endpoint(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String withId : WITH_ID) {
            if (trimmed.startsWith(withId) && trimmed.length() > withId.length()) {
                return withId + "{id}";
            }
        }
        return trimmed;
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
