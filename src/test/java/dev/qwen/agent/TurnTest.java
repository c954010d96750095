package dev.qwen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.qwen.provider.CallIntent;
import dev.qwen.provider.InvalidModelOutputException;
import dev.qwen.provider.UpstreamCall;

/**
 * What a turn decides for each of its model calls ({@link Turn#nextCall}): a forced tool choice goes to the
 * first call only, and the turn ends after {@value Agent#MAX_MODEL_CALLS} calls. No Quarkus, no model.
 */
class TurnTest {

    private static final ChatRequest CALL = ChatRequest.builder().messages(UserMessage.from("Where is A1001?"))
            .toolSpecifications(ToolSpecification.builder().name("getOrder").build(),
                    ToolSpecification.builder().name("trackShipment").build())
            .build();

    private static Turn turn(CallIntent intent) {
        return new Turn("s-1", "You help.", intent, null, List.of(), java.util.Set.of("getOrder", "trackShipment"));
    }

    /** What the provider layer makes of the request the turn hands on. */
    private static UpstreamCall decided(Turn turn) {
        return UpstreamCall.resolve(turn.nextCall(CALL));
    }

    @Test
    void aNamedToolChoiceAppliesToTheFirstCallOnly() {
        Turn turn = turn(CallIntent.builder().toolChoice("getOrder").build());

        UpstreamCall first = decided(turn);
        UpstreamCall second = decided(turn);
        UpstreamCall third = decided(turn);

        assertEquals("named", first.tools().choice());
        assertEquals("getOrder", first.tools().named());
        assertEquals("auto", second.tools().choice());
        assertNull(second.tools().named());
        assertEquals("auto", third.tools().choice());
    }

    @Test
    void aRequiredChoiceAppliesToTheFirstCallOnlyAndTheRestOfTheIntentStays() {
        Turn turn = turn(CallIntent.builder().toolChoice("required").thinking(true, 1024).parallelToolCalls(false)
                .build());

        UpstreamCall first = decided(turn);
        UpstreamCall second = decided(turn);

        assertEquals("required", first.tools().choice());
        assertFalse(first.thinking().on(), "a forced choice turns thinking off for its call");
        assertEquals("auto", second.tools().choice());
        assertTrue(second.thinking().on(), "the follow-up thinks as the caller asked");
        assertEquals(1024, second.thinking().budget());
        assertEquals(Boolean.FALSE, second.tools().parallel());
    }

    @Test
    void anUnforcedChoiceIsTheSameOnEveryCall() {
        Turn turn = turn(CallIntent.builder().toolChoice("none").build());

        assertEquals("none", decided(turn).tools().choice());
        assertEquals("none", decided(turn).tools().choice());
    }

    @Test
    void theTurnEndsAfterEightModelCalls() {
        Turn turn = turn(CallIntent.DEFAULT);
        for (int call = 1; call <= Agent.MAX_MODEL_CALLS; call++) {
            decided(turn);
        }

        InvalidModelOutputException ended = assertThrows(InvalidModelOutputException.class, () -> turn.nextCall(CALL));
        assertTrue(ended.getMessage().contains("8 model calls"), ended.getMessage());
        assertEquals(8, Agent.MAX_MODEL_CALLS);
    }

    @Test
    void eachTurnCountsItsOwnCalls() {
        Turn full = turn(CallIntent.DEFAULT);
        for (int call = 1; call <= Agent.MAX_MODEL_CALLS; call++) {
            full.nextCall(CALL);
        }
        Turn fresh = turn(CallIntent.builder().toolChoice("required").build());

        assertEquals("required", decided(fresh).tools().choice());
    }

    @Test
    void onlyTheTurnsToolsAreOffered() {
        Turn turn = new Turn(null, "You review.", CallIntent.DEFAULT, null, List.of(), java.util.Set.of("getOrder"));
        assertEquals(List.of("getOrder"), decided(turn).tools().specifications().stream()
                .map(ToolSpecification::name).toList());
        assertTrue(turn.offers("getOrder"));
        assertFalse(turn.offers("trackShipment"));
    }

    @Test
    void aHeldCallStopsTheTurnBeforeItsNextModelCall() {
        Turn turn = turn(CallIntent.DEFAULT);
        decided(turn);
        turn.hold(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("c9").name("requestRefund")
                .arguments("{}").build());
        assertTrue(turn.isHeld("c9"));
        org.junit.jupiter.api.Assertions.assertThrows(TurnHeld.class, () -> turn.nextCall(CALL));
    }

    @Test
    void aContinuationsPlaceholderIsNeverSent() {
        Turn turn = turn(CallIntent.DEFAULT);
        ChatRequest resumed = ChatRequest.builder().messages(UserMessage.from("Where is A1001?"),
                UserMessage.from(Turn.CONTINUE)).build();
        List<dev.langchain4j.data.message.ChatMessage> sent = turn.nextCall(resumed).messages();
        assertEquals(1, sent.size());
        assertEquals("Where is A1001?", ((UserMessage) sent.get(0)).singleText());
    }
}
