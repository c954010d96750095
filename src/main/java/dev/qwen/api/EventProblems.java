package dev.qwen.api;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.qwen.common.ProblemBodies;

/** The problem table, for failures reported inside a body of their own (an SSE {@code error} event). */
@Singleton
public class EventProblems implements ProblemBodies {

    @Override
    public Map<String, Object> of(Throwable failure) {
        return ProblemMapper.body(ProblemMapper.problemFor(failure));
    }
}
