package dev.qwen.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.qwen.common.ReplayableEvents;
import dev.qwen.idempotency.IdempotencyStore;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An event stream under an {@code Idempotency-Key}: its events are recorded as they are sent, and the stream is
 * recorded when it ended with {@code done} (before its end reaches the caller); one that failed, was cut, ended
 * with an {@code error} event or whose caller hung up is not (the key is released, and the caller may retry with
 * it). A repeat of a recorded stream gets its events again, with the provider header of the first, and nothing
 * runs.
 */
@Singleton
public class RecordedEventStream implements ReplayableEvents {

    private static final String REPLAY = "qwen.idempotency.replay";

    private final CurrentVertxRequest current;

    RecordedEventStream(CurrentVertxRequest current) {
        this.current = current;
    }

    static boolean isEventStream(IdempotencyStore.Answer answer) {
        return answer.contentType() != null && answer.contentType().startsWith(MediaType.SERVER_SENT_EVENTS);
    }

    /** Marks the request as a repeat of a recorded stream: the resource replays it. */
    static void replayLater(RoutingContext ctx, IdempotencyStore.Answer answer) {
        ctx.put(REPLAY, answer);
        ctx.response().putHeader(IdempotencyClaims.REPLAYED, "true");
    }

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
        IdempotencyClaim claim = IdempotencyClaim.of(ctx);
        // A stream that fails before its first event throws here: its problem answer settles the claim as any does.
        Multi<OutboundSseEvent> live = events.get();
        if (claim == null) {
            return live;
        }
        claim.streamed();
        String provider = ctx.response().headers().get(ProviderHeaderFilter.HEADER);
        List<JsonObject> sent = new CopyOnWriteArrayList<>();
        return live
                .invoke(event -> sent.add(new JsonObject().put("event", event.getName())
                        .put("data", String.valueOf(event.getData()))))
                .onCompletion().call(() -> {
                    boolean done = !sent.isEmpty() && "done".equals(sent.getLast().getString("event"));
                    return claim.settle(done
                            ? new IdempotencyStore.Answer(200, MediaType.SERVER_SENT_EVENTS, provider,
                                    new JsonArray(sent).encode())
                            : null);
                })
                .onCancellation().call(() -> claim.settle(null));
    }
}
