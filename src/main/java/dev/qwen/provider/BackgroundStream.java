package dev.qwen.provider;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.MDC;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Multi;

/**
 * A streamed answer produced on a virtual thread of its own while the caller's response is written: the one
 * way the service streams (the assistant's events, {@code /v1} chunks). The producer runs with a request scope
 * of its own that carries the request's trail (endpoint, caller, write key) and its log context, and hands its
 * events over a queue.
 *
 * <p>
 * {@link #first} waits for the first event, so that a failure before anything was produced is thrown to the
 * caller's thread and answered as an ordinary error response with its status; a failure after it becomes the
 * stream's last event ({@code failureEvent}). Cancelling (a client that hung up) cancels the upstream call in
 * flight through the producer's {@link Cancellation}; the producer then ends without an event.
 */
public final class BackgroundStream<E> {

    private sealed interface Item<E> {
    }

    private record Event<E>(E event) implements Item<E> {
    }

    private record Failure<E>(RuntimeException failure) implements Item<E> {
    }

    private record End<E>() implements Item<E> {
    }

    /** How often a stream waiting for its next event asks whether its caller is still there. */
    private static final Duration CALLER_CHECK = Duration.ofSeconds(1);

    private final BlockingQueue<Item<E>> queue = new LinkedBlockingQueue<>();
    private final Cancellation cancellation = new Cancellation();
    private final Function<RuntimeException, E> failureEvent;

    private BackgroundStream(Function<RuntimeException, E> failureEvent) {
        this.failureEvent = failureEvent;
    }

    /**
     * Starts {@code producer} on a virtual thread: it emits events to the consumer it is given and stops its
     * upstream calls when the {@link Cancellation} is cancelled.
     */
    public static <E> BackgroundStream<E> start(String name, RequestTrail trail,
            Function<RuntimeException, E> failureEvent, BiConsumer<Consumer<E>, Cancellation> producer) {
        BackgroundStream<E> stream = new BackgroundStream<>(failureEvent);
        String endpoint = trail.endpoint();
        String caller = trail.caller();
        String writeKey = trail.writeKey();
        Object requestId = MDC.get("requestId");
        Thread.ofVirtual().name(name).start(() -> {
            if (requestId != null) {
                MDC.put("requestId", requestId); // the producer's log lines keep the request's id
            }
            MDC.put("caller", caller);
            ManagedContext scope = Arc.container().requestContext();
            scope.activate();
            try {
                RequestTrail own = Arc.container().instance(RequestTrail.class).get();
                own.endpoint(endpoint);
                own.caller(caller);
                own.writeKey(writeKey);
                producer.accept(event -> stream.queue.add(new Event<>(event)), stream.cancellation);
            } catch (CancellationException gone) {
                // the client hung up: nobody to tell
            } catch (RuntimeException failure) {
                stream.queue.add(new Failure<>(failure));
            } finally {
                stream.queue.add(new End<>());
                scope.terminate();
                MDC.clear();
            }
        });
        return stream;
    }

    /**
     * Waits for the first event. A failure before it is thrown here; a stream that ended with nothing (the
     * caller hung up, as {@code callerGone} tells) is a {@link CancellationException}.
     */
    public E first(BooleanSupplier callerGone) {
        return switch (poll(callerGone)) {
            case Event<E> event -> event.event();
            case Failure<E> failure -> throw failure.failure();
            case End<E> end -> throw new CancellationException("the stream ended before its first event");
        };
    }

    /**
     * The next event after those taken, blocking; null at the end. A failure after the first event is returned
     * as its {@code failureEvent}. At every event, and every second while it waits, it asks {@code callerGone}
     * whether the caller hung up (an event stream's response may not tell anyone else), and then cancels the
     * producer's call.
     */
    public E next(BooleanSupplier callerGone) {
        Item<E> item = poll(callerGone);
        return switch (item) {
            case Event<E> event -> event.event();
            case Failure<E> failure -> failureEvent.apply(failure.failure());
            case End<E> end -> {
                queue.add(end); // the end stays the end
                yield null;
            }
        };
    }

    /** The events from the first on, as a stream; cancelling it cancels the producer's upstream call. */
    public Multi<E> events(E firstEvent, BooleanSupplier callerGone) {
        return Multi.createFrom().<E> emitter(emitter -> {
            emitter.onTermination(cancellation::cancel);
            emitter.emit(firstEvent);
            Thread.ofVirtual().name("stream-writer").start(() -> {
                for (E event = next(callerGone); event != null && !emitter.isCancelled(); event = next(callerGone)) {
                    emitter.emit(event);
                }
                emitter.complete();
            });
        });
    }

    /** Stops the producer's upstream call in flight (the client hung up). */
    public void cancel() {
        cancellation.cancel();
    }

    private Item<E> poll(BooleanSupplier callerGone) {
        try {
            while (true) {
                Item<E> item = queue.poll(CALLER_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                // Asked at every event too: a response may swallow writes to a caller that left without failing.
                if (callerGone.getAsBoolean()) {
                    cancellation.cancel();
                }
                if (item != null) {
                    return item;
                }
            }
        } catch (InterruptedException e) {
            cancellation.cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

}
