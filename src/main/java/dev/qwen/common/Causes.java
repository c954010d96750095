package dev.qwen.common;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/** Looks through a failure's cause chain, since libraries wrap what they catch. */
public final class Causes {

    private Causes() {
    }

    /** The failure itself or its nearest cause of that type; a chain that loops back is walked once. */
    public static <T> Optional<T> find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
