package dev.qwen.common;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.qwen.observability.ServiceMetrics;

/**
 * Every Redis command of the stores goes through here: whatever the client throws (connection refused or
 * reset, a timeout, a pool that cannot connect) becomes a {@link StateUnavailableException}, so callers see one
 * domain failure, and the client's next command reconnects by itself once Redis is back.
 */
public final class RedisCalls {

    private static final Logger LOG = Logger.getLogger(RedisCalls.class);

    private RedisCalls() {
    }

    public static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (StateUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("State store (Redis) unreachable");
            ServiceMetrics.record(ServiceMetrics::stateStoreFailed);
            throw new StateUnavailableException();
        }
    }

    public static void run(Runnable command) {
        call(() -> {
            command.run();
            return null;
        });
    }
}
