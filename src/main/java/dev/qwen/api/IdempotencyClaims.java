package dev.qwen.api;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.common.Sha256;
import dev.qwen.idempotency.IdempotencyKeyReusedException;
import dev.qwen.idempotency.IdempotencyStore;
import dev.qwen.idempotency.RequestInProgressException;
import dev.qwen.provider.ProviderId;
import dev.qwen.provider.RequestTrail;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Idempotency-Key} on every {@code POST /api/v1/**}, after authentication and the key's limits
 * ({@link RequestOrder#IDEMPOTENCY}). The key, scoped by caller (the SHA-256 of its Authorization header, never
 * the key itself), is claimed in the state store with a fingerprint of method, path and body: a repeat of a
 * finished request gets its recorded answer (status, body, {@code X-Provider}) with
 * {@code Idempotency-Replayed: true} and nothing runs; a repeat while it runs is {@code 409 request_in_progress};
 * the key with another body is {@code 422 idempotency_key_reused}. The answer is recorded by the response filter
 * below, unless it is a 429 or a 5xx (then the key is released, and the caller may retry with it). An event
 * stream records and replays its events itself ({@link RecordedEventStream}). The claimed key also names the
 * request's writes ({@link RequestTrail#writeKey}), so a tool that runs again after its instance died before the
 * answer was recorded writes nothing twice.
 */
@Singleton
public class IdempotencyClaims {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final RequestTrail trail;
    private final ObjectMapper json;

    IdempotencyClaims(IdempotencyStore store, RequestTrail trail, ObjectMapper json) {
        this.store = store;
        this.trail = trail;
        this.json = json;
    }

    @ServerRequestFilter(preMatching = true, priority = RequestOrder.IDEMPOTENCY)
    public Uni<Response> claim(ContainerRequestContext request, RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod()) || !path.startsWith("/api/v1/")) {
            return Uni.createFrom().nullItem();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Uni.createFrom().item(ProblemMapper.respond(
                    Problem.invalidRequest("Idempotency-Key must be 1..255 printable ASCII characters.")));
        }
        String authorization = request.getHeaderString("Authorization");
        String scoped = sha256(authorization == null ? "" : authorization) + ":" + sha256(key);
        Buffer received = ctx.body() == null ? null : ctx.body().buffer();
        String fingerprint = sha256(request.getMethod() + " " + path + "\n"
                + (received == null ? "" : received.toString(StandardCharsets.ISO_8859_1)));
        return Uni.createFrom().item(() -> store.claim(scoped, fingerprint))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(claim -> switch (claim) {
                    case IdempotencyStore.Started started -> {
                        IdempotencyClaim.hold(ctx, store, scoped, started.owner());
                        trail.writeKey(scoped);
                        yield null;
                    }
                    case IdempotencyStore.Replay replay when RecordedEventStream.isEventStream(replay.answer()) -> {
                        // The resource replays the events (RecordedEventStream): Quarkus REST frames them.
                        RecordedEventStream.replayLater(ctx, replay.answer());
                        yield null;
                    }
                    case IdempotencyStore.Replay replay -> replay(replay.answer());
                    case IdempotencyStore.InProgress running ->
                        ProblemMapper.respond(ProblemMapper.problemFor(new RequestInProgressException()));
                    case IdempotencyStore.Reused reused ->
                        ProblemMapper.respond(ProblemMapper.problemFor(new IdempotencyKeyReusedException()));
                })
                .onFailure().recoverWithItem(failure -> ProblemMapper.respond(ProblemMapper.problemFor(failure)));
    }

    /** Records the answer of a request that claimed a key (in the store, off the event loop), or releases it. */
    @ServerResponseFilter
    public Uni<Void> record(ContainerResponseContext response, RoutingContext ctx) {
        IdempotencyClaim claim = IdempotencyClaim.of(ctx);
        if (claim == null || claim.isStreamed() || claim.isSettled()) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        MediaType type = response.getMediaType();
        boolean recordable = status != 429 && status != ProblemMapper.CLIENT_CLOSED && status < 500
                && response.getEntity() != null
                && !(response.getEntity() instanceof org.reactivestreams.Publisher<?>)
                && !(response.getEntity() instanceof java.util.concurrent.Flow.Publisher<?>)
                && (type == null || !MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(type));
        IdempotencyStore.Answer answer = null;
        if (recordable) {
            try {
                Object entity = response.getEntity();
                ProviderId provider = trail.provider();
                answer = new IdempotencyStore.Answer(status, type == null ? MediaType.APPLICATION_JSON : type.toString(),
                        provider == null ? null : provider.wireName(),
                        entity instanceof String text ? text : json.writeValueAsString(entity));
            } catch (Exception e) {
                answer = null;
            }
        }
        return claim.settle(answer);
    }

    private static Response replay(IdempotencyStore.Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).header(REPLAYED, "true")
                .entity(answer.body() == null ? "" : answer.body());
        if (answer.contentType() != null) {
            response.type(answer.contentType());
        }
        if (answer.provider() != null) {
            response.header(ProviderHeaderFilter.HEADER, answer.provider());
        }
        return response.build();
    }

    /** Header values and the body as the bytes that came (Vert.x gives headers as ISO-8859-1). */
    private static String sha256(String value) {
        return Sha256.hex(value.getBytes(StandardCharsets.ISO_8859_1));
    }
}
