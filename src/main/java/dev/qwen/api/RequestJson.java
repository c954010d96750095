package dev.qwen.api;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper Quarkus REST reads request bodies with: the application's (with {@link StrictJson}), also refusing
 * anything after the body's one JSON value ({@code {"text":"a"} x} is malformed, not "a"). A copy for the server
 * only, through JAX-RS' own seam: the shared mapper must keep accepting values read from the middle of a
 * stream, as quarkus-langchain4j's message codec and the provider client do.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class RequestJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    RequestJson(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
