package dev.qwen.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bodies over 256 KiB get {@code 413 payload_too_large}: at once when Content-Length says so, and
 * while reading when a chunked body grows past it. (Vert.x's own {@code max-body-size} is set higher
 * as a backstop; its bare 413 would not be problem+json.)
 */
@Provider
public class LimitsFilter implements ReaderInterceptor {

    public static final int MAX_BODY_BYTES = 256 * 1024;

    static ApiProblem tooLarge() {
        return new ApiProblem(413, "payload_too_large", "Payload too large",
                "The body is larger than 256 KiB.");
    }

    @ServerRequestFilter(preMatching = true)
    public Response declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    return ProblemMapper.respond(tooLarge());
                }
            } catch (NumberFormatException e) {
                return ProblemMapper.respond(ApiProblem.invalidRequest("Content-Length is not a number."));
            }
        }
        return null;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream()));
        return context.proceed();
    }

    private static final class Bounded extends FilterInputStream {
        private long count;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > MAX_BODY_BYTES) {
                throw tooLarge();
            }
        }
    }
}
