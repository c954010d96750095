package dev.qwen.common;

import java.util.function.Supplier;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;

/**
 * An event stream that an {@code Idempotency-Key} makes repeatable. Implemented by the API layer, which owns
 * the idempotency records: under a key it claimed, the events are recorded as they are sent; a repeat of a
 * finished stream gets the recorded events again and {@code events} is never called (no model call, no tool).
 */
public interface ReplayableEvents {

    Multi<OutboundSseEvent> of(Sse sse, Supplier<Multi<OutboundSseEvent>> events);
}
