package dev.qwen.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * When {@code app.api-keys} is set, every {@code /api/**} request needs {@code Authorization: Bearer <key>}.
 * Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, every configured key each
 * time, so neither the length nor the position of a mismatch shows in the timing. Health, metrics
 * and OpenAPI stay open.
 */
@Singleton
public class ApiKeyFilter {

    private final List<byte[]> keyDigests;

    ApiKeyFilter(@ConfigProperty(name = "app.api-keys") Optional<List<String>> keys) {
        this.keyDigests = keys.orElse(List.of()).stream()
                .map(String::trim).filter(k -> !k.isEmpty()).map(ApiKeyFilter::digest).toList();
    }

    @ServerRequestFilter(preMatching = true, priority = 500)
    public Response authenticate(ContainerRequestContext request) {
        if (keyDigests.isEmpty() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String header = request.getHeaderString("Authorization");
        byte[] presented = digest(header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : "");
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, presented);
        }
        if (match) {
            return null;
        }
        Response problem = ProblemMapper.respond(new Problem(401, "unauthorized", "Unauthorized",
                "A valid API key is required: send Authorization: Bearer <key>."));
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
