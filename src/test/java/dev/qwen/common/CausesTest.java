package dev.qwen.common;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void findsTheFailureItselfOrItsNearestCauseOfTheType() {
        IllegalStateException inner = new IllegalStateException("inner");
        IllegalStateException outer = new IllegalStateException("outer", new RuntimeException(inner));

        assertSame(outer, Causes.find(outer, IllegalStateException.class).orElseThrow());
        assertSame(inner, Causes.find(new RuntimeException(inner), IllegalStateException.class).orElseThrow());
        assertTrue(Causes.find(outer, IOException.class).isEmpty());
        assertTrue(Causes.find(null, IOException.class).isEmpty());
    }

    @Test
    void aChainThatLoopsBackEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertTrue(Causes.find(first, UncheckedIOException.class).isEmpty());
        assertSame(second, Causes.find(first, RuntimeException.class).map(t -> t.getCause()).orElseThrow());
    }
}
