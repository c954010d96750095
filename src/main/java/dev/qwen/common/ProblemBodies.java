package dev.qwen.common;

import java.util.Map;

/**
 * The contract's problem object for a failure, for the places that report a failure inside a body of
 * their own (an SSE {@code error} event) rather than as the response. Implemented by the API layer, which
 * holds the one table from failures to problems, so that no package below it needs to import it.
 */
public interface ProblemBodies {

    Map<String, Object> of(Throwable failure);
}
