package dev.qwen.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * A REST-client filter (the extension's documented seam: its OpenAI client is a Quarkus REST client)
 * that turns a provider's error status into {@link UpstreamHttpError} carrying {@code Retry-After}, in
 * seconds or as an HTTP date, so that retries can honour it. Registered for every REST client of the
 * application; the only ones are the provider clients.
 */
@Provider
public class UpstreamStatusFilter implements ClientResponseFilter {

    private static final int MAX_BODY = 2048;

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() < 400) {
            return;
        }
        throw new UpstreamHttpError(response.getStatus(),
                retryAfter(response.getHeaderString("Retry-After"), Clock.systemUTC()), body(response));
    }

    /** Seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), when.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String body(ClientResponseContext response) {
        if (!response.hasEntity()) {
            return "";
        }
        try (InputStream in = response.getEntityStream()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
