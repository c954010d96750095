package dev.qwen.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.provider.ProviderId;
import dev.qwen.provider.RequestTrail;
import dev.qwen.idempotency.IdempotencyKeyReusedException;
import dev.qwen.idempotency.IdempotencyStore;
import dev.qwen.idempotency.RequestInProgressException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code Idempotency-Key} on every {@code POST /api/v1/**}. Before the request reaches its resource, its key
 * (scoped by caller: the SHA-256 of its Authorization header, never the key itself) is claimed in the state
 * store with a fingerprint of method, path and body: a repeat of a finished request gets its recorded answer
 * (status, body, {@code X-Provider}) with {@code Idempotency-Replayed: true} and nothing runs; a repeat while it
 * runs is {@code 409 request_in_progress}; the key with another body is {@code 422 idempotency_key_reused}. The
 * answer is recorded by the response filter below, unless it is a 429 or a 5xx (then the key is released, and
 * the caller may retry with it); a request that ends without a recorded answer releases its key too.
 */
@Singleton
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final String CLAIM = "qwen.idempotency.claim";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    /** A claim this request holds; {@code settled} once recorded or released. */
    private record Held(String key, String owner, AtomicBoolean settled) {
    }

    private final IdempotencyStore store;
    private final RequestTrail trail;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, RequestTrail trail, ObjectMapper json) {
        this.store = store;
        this.trail = trail;
        this.json = json;
    }

    void register(@Observes Router router) {
        // The body is needed for the fingerprint: read it (within the body limit) only when there is a key.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BodyLimit.maxBytes());
        router.post("/api/v1/*").order(Integer.MIN_VALUE + 2).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            boolean bodiless = ctx.request().getHeader("Transfer-Encoding") == null
                    && (length == null || "0".equals(length.trim()));
            if (ctx.request().getHeader(HEADER) == null || bodiless) {
                ctx.next();
            } else {
                body.handle(ctx);
            }
        });
        router.post("/api/v1/*").order(Integer.MIN_VALUE + 3).handler(this::claim);
    }

    private void claim(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null) {
            ctx.next();
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            answer(ctx, Problem.invalidRequest("Idempotency-Key must be 1..255 printable ASCII characters."));
            return;
        }
        String authorization = ctx.request().getHeader("Authorization");
        String scoped = sha256(authorization == null ? "" : authorization) + ":" + sha256(key);
        Buffer received = ctx.body() == null ? null : ctx.body().buffer();
        String fingerprint = sha256(ctx.request().method().name() + " " + ctx.request().path() + "\n"
                + (received == null ? "" : received.toString(StandardCharsets.ISO_8859_1)));
        ctx.vertx().<IdempotencyStore.Claim>executeBlocking(() -> store.claim(scoped, fingerprint), false)
                .onComplete(result -> {
                    if (result.failed()) {
                        answer(ctx, ProblemMapper.problemFor(result.cause()));
                        return;
                    }
                    switch (result.result()) {
                        case IdempotencyStore.Started started -> {
                            Held held = new Held(scoped, started.owner(), new AtomicBoolean());
                            ctx.put(CLAIM, held);
                            ctx.addEndHandler(ended -> {
                                if (held.settled().compareAndSet(false, true)) {
                                    ctx.vertx().executeBlocking(() -> {
                                        store.release(held.key(), held.owner());
                                        return null;
                                    }, false);
                                }
                            });
                            ctx.next();
                        }
                        case IdempotencyStore.Replay replay -> replay(ctx, replay.answer());
                        case IdempotencyStore.InProgress running ->
                            answer(ctx, ProblemMapper.problemFor(new RequestInProgressException()));
                        case IdempotencyStore.Reused reused ->
                            answer(ctx, ProblemMapper.problemFor(new IdempotencyKeyReusedException()));
                    }
                });
    }

    /** Records the answer of a request that claimed a key (in the store, off the event loop), or releases it. */
    @ServerResponseFilter
    public Uni<Void> record(ContainerResponseContext response, RoutingContext ctx) {
        Held held = ctx.get(CLAIM);
        if (held == null || !held.settled().compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        MediaType type = response.getMediaType();
        boolean recordable = status != 429 && status < 500 && response.getEntity() != null
                && !(response.getEntity() instanceof org.reactivestreams.Publisher<?>)
                && !(response.getEntity() instanceof java.util.concurrent.Flow.Publisher<?>)
                && (type == null || !MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(type));
        IdempotencyStore.Answer answer = null;
        if (recordable) {
            try {
                Object entity = response.getEntity();
                ProviderId provider = trail.get();
                answer = new IdempotencyStore.Answer(status, type == null ? MediaType.APPLICATION_JSON : type.toString(),
                        provider == null ? null : provider.wireName(),
                        entity instanceof String text ? text : json.writeValueAsString(entity));
            } catch (Exception e) {
                answer = null;
            }
        }
        IdempotencyStore.Answer recorded = answer;
        return Uni.createFrom().item(() -> {
            if (recorded != null) {
                store.complete(held.key(), held.owner(), recorded);
            } else {
                store.release(held.key(), held.owner());
            }
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // The caller gets its answer even when it could not be recorded (the key then expires as running).
                .onFailure().recoverWithNull();
    }

    private static void replay(RoutingContext ctx, IdempotencyStore.Answer answer) {
        ctx.response().setStatusCode(answer.status()).putHeader(REPLAYED, "true");
        if (answer.contentType() != null) {
            ctx.response().putHeader("Content-Type", answer.contentType());
        }
        if (answer.provider() != null) {
            ctx.response().putHeader(ProviderHeaderFilter.HEADER, answer.provider());
        }
        ctx.response().end(answer.body() == null ? "" : answer.body());
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", ProblemMapper.PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            ctx.response().putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        ctx.response().end(Json.encode(ProblemMapper.body(problem)));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
