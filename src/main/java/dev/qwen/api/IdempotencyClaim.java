package dev.qwen.api;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.qwen.idempotency.IdempotencyStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code Idempotency-Key} a request in flight has claimed: renewed while the request runs, so a claim of an
 * instance that died expires within {@link IdempotencyStore#RUNNING}, and settled exactly once, recorded with
 * the answer or released for a retry. A request whose caller hung up is released by the next renewal tick,
 * whether or not the response's end handler ran.
 */
final class IdempotencyClaim {

    private static final String ATTRIBUTE = "qwen.idempotency.claim";

    private final IdempotencyStore store;
    private final String key;
    private final String owner;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean streamed;
    private volatile Runnable stopRenewing = () -> {
    };

    private IdempotencyClaim(IdempotencyStore store, String key, String owner) {
        this.store = store;
        this.key = key;
        this.owner = owner;
    }

    /** Attaches a claim to the request: renewed until settled, released if the request ends unanswered. */
    static IdempotencyClaim hold(RoutingContext ctx, IdempotencyStore store, String key, String owner) {
        IdempotencyClaim claim = new IdempotencyClaim(store, key, owner);
        ctx.put(ATTRIBUTE, claim);
        Vertx vertx = ctx.vertx();
        long timer = vertx.setPeriodic(IdempotencyStore.RUNNING.toMillis() / 3, tick -> {
            if (ctx.response().closed() && !ctx.response().ended()) {
                claim.settle(null).subscribe().with(done -> {
                });
            } else {
                vertx.executeBlocking(() -> {
                    store.renew(key, owner);
                    return null;
                }, false);
            }
        });
        claim.stopRenewing = () -> vertx.cancelTimer(timer);
        ctx.addEndHandler(ended -> claim.settle(null).subscribe().with(done -> {
        }));
        return claim;
    }

    /** The claim the request holds, or null. */
    static IdempotencyClaim of(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(ATTRIBUTE);
    }

    /** The caller-scoped key: it also names the request's writes. */
    String key() {
        return key;
    }

    /** The answer is an event stream, recorded as it goes: the stream settles the claim, not the response filter. */
    void streamed() {
        streamed = true;
    }

    boolean isStreamed() {
        return streamed;
    }

    boolean isSettled() {
        return settled.get();
    }

    /** Records {@code answer} (or releases the key when null), once, in the store, off the event loop. */
    Uni<Void> settle(IdempotencyStore.Answer answer) {
        if (!settled.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        stopRenewing.run();
        return Uni.createFrom().item(() -> {
            if (answer != null) {
                store.complete(key, owner, answer);
            } else {
                store.release(key, owner);
            }
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // The caller gets its answer even when it could not be recorded (the key then expires as running).
                .onFailure().recoverWithNull();
    }
}
