package dev.qwen.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.common.ReplayableEvents;
import dev.qwen.common.Sha256;
import dev.qwen.idempotency.IdempotencyKeyReusedException;
import dev.qwen.idempotency.IdempotencyStore;
import dev.qwen.idempotency.RequestInProgressException;
import dev.qwen.provider.ProviderId;
import dev.qwen.provider.RequestTrail;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Idempotency-Key} on every {@code POST /api/v1/**}. Before the request reaches its resource, its key
 * (scoped by caller: the SHA-256 of its Authorization header, never the key itself) is claimed in the state
 * store with a fingerprint of method, path and body: a repeat of a finished request gets its recorded answer
 * (status, body, {@code X-Provider}) with {@code Idempotency-Replayed: true} and nothing runs; a repeat while it
 * runs is {@code 409 request_in_progress}; the key with another body is {@code 422 idempotency_key_reused}. The
 * answer is recorded by the response filter below, unless it is a 429 or a 5xx (then the key is released, and
 * the caller may retry with it); a request that ends without a recorded answer releases its key too. While the
 * request runs its claim is renewed, so the claim of an instance that died expires within
 * {@link IdempotencyStore#RUNNING}. The event stream records its events as it sends them and replays them
 * ({@link ReplayableEvents}); the claimed key also names the request's writes ({@link RequestTrail#writeKey}),
 * so a tool that runs again after its instance died before the answer was recorded writes nothing twice.
 */
@Singleton
public class IdempotencyFilter implements ReplayableEvents {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final String CLAIM = "qwen.idempotency.claim";
    private static final String REPLAY = "qwen.idempotency.replay";
    private static final String EVENT_STREAM = MediaType.SERVER_SENT_EVENTS;
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    /**
     * A claim this request holds; {@code settled} once recorded or released, {@code streamed} when its events
     * are recorded as they go (then the stream settles it, not the response filter).
     */
    private record Held(String key, String owner, AtomicBoolean settled, AtomicBoolean streamed) {
    }

    private final IdempotencyStore store;
    private final RequestTrail trail;
    private final ObjectMapper json;
    private final CurrentVertxRequest current;

    IdempotencyFilter(IdempotencyStore store, RequestTrail trail, ObjectMapper json, CurrentVertxRequest current) {
        this.store = store;
        this.trail = trail;
        this.json = json;
        this.current = current;
    }

    void register(@Observes Router router) {
        // After BodyLimit has read the body: the fingerprint needs it.
        router.post("/api/v1/*").order(BodyLimit.READ_ORDER + 1).handler(this::claim);
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
                            Held held = new Held(scoped, started.owner(), new AtomicBoolean(), new AtomicBoolean());
                            ctx.put(CLAIM, held);
                            long renewal = ctx.vertx().setPeriodic(IdempotencyStore.RUNNING.toMillis() / 3,
                                    tick -> ctx.vertx().executeBlocking(() -> {
                                        store.renew(held.key(), held.owner());
                                        return null;
                                    }, false));
                            ctx.addEndHandler(ended -> {
                                ctx.vertx().cancelTimer(renewal);
                                if (held.settled().compareAndSet(false, true)) {
                                    ctx.vertx().executeBlocking(() -> {
                                        store.release(held.key(), held.owner());
                                        return null;
                                    }, false);
                                }
                            });
                            ctx.next();
                        }
                        case IdempotencyStore.Replay replay when isEventStream(replay.answer()) -> {
                            // The resource replays the events (through ReplayableEvents): Quarkus REST frames them.
                            ctx.put(REPLAY, replay.answer());
                            ctx.response().putHeader(REPLAYED, "true");
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

    /** The claimed key names the request's writes: tools that run under it write once per key. */
    @ServerRequestFilter
    public void nameWrites(RoutingContext ctx) {
        Held held = ctx.get(CLAIM);
        if (held != null) {
            trail.writeKey(held.key());
        }
    }

    /** Records the answer of a request that claimed a key (in the store, off the event loop), or releases it. */
    @ServerResponseFilter
    public Uni<Void> record(ContainerResponseContext response, RoutingContext ctx) {
        Held held = ctx.get(CLAIM);
        if (held == null || held.streamed().get() || held.settled().get()) {
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
        return settle(held, answer);
    }

    /**
     * Under a claimed key the events are recorded as they are sent, and the stream is recorded when it ended
     * with {@code done} (before its end reaches the caller); one that failed, was cut or ended with an
     * {@code error} event is not (the caller may retry with the key). A repeat of a recorded stream gets its
     * events again, with the provider header of the first.
     */
    @Override
    public Multi<OutboundSseEvent> of(Sse sse, Supplier<Multi<OutboundSseEvent>> events) {
        RoutingContext ctx = current.getCurrent();
        IdempotencyStore.Answer recorded = ctx == null ? null : ctx.get(REPLAY);
        if (recorded != null) {
            if (recorded.provider() != null) {
                ctx.response().putHeader(ProviderHeaderFilter.HEADER, recorded.provider());
            }
            return Multi.createFrom().iterable(new JsonArray(recorded.body()))
                    .map(JsonObject.class::cast)
                    .map(event -> sse.newEventBuilder().name(event.getString("event")).data(event.getString("data"))
                            .build());
        }
        Held held = ctx == null ? null : ctx.get(CLAIM);
        if (held == null) {
            return events.get();
        }
        held.streamed().set(true);
        String provider = ctx.response().headers().get(ProviderHeaderFilter.HEADER);
        List<JsonObject> sent = new CopyOnWriteArrayList<>();
        return events.get()
                .invoke(event -> sent.add(new JsonObject().put("event", event.getName())
                        .put("data", String.valueOf(event.getData()))))
                .onCompletion().call(() -> {
                    boolean done = !sent.isEmpty() && "done".equals(sent.getLast().getString("event"));
                    IdempotencyStore.Answer answer = done
                            ? new IdempotencyStore.Answer(200, EVENT_STREAM, provider, new JsonArray(sent).encode())
                            : null;
                    return settle(held, answer);
                });
    }

    /** Records {@code answer} for the claim (or releases it when null), once, in the store, off the event loop. */
    private Uni<Void> settle(Held held, IdempotencyStore.Answer answer) {
        if (!held.settled().compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            if (answer != null) {
                store.complete(held.key(), held.owner(), answer);
            } else {
                store.release(held.key(), held.owner());
            }
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // The caller gets its answer even when it could not be recorded (the key then expires as running).
                .onFailure().recoverWithNull();
    }

    private static boolean isEventStream(IdempotencyStore.Answer answer) {
        return answer.contentType() != null && answer.contentType().startsWith(EVENT_STREAM);
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

    /** Header values and the body as the bytes that came (Vert.x gives headers as ISO-8859-1). */
    private static String sha256(String value) {
        return Sha256.hex(value.getBytes(StandardCharsets.ISO_8859_1));
    }
}
