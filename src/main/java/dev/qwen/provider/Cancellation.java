package dev.qwen.provider;

import java.util.concurrent.atomic.AtomicReference;

/** Lets whoever started a streamed turn stop the upstream call that is running now (a client left). */
public final class Cancellation {

    private static final Runnable CANCELLED = () -> {
    };

    private final AtomicReference<Runnable> current = new AtomicReference<>();

    public void cancel() {
        Runnable running = current.getAndSet(CANCELLED);
        if (running != null && running != CANCELLED) {
            running.run();
        }
    }

    public boolean cancelled() {
        return current.get() == CANCELLED;
    }

    /** Registers how to stop the call now in flight; runs it at once if already cancelled. */
    void onCancel(Runnable stop) {
        Runnable previous = current.getAndUpdate(c -> c == CANCELLED ? CANCELLED : stop);
        if (previous == CANCELLED) {
            stop.run();
        }
    }
}
