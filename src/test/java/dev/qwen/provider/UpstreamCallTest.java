package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;

/** The one decision about an upstream call ({@link UpstreamCall#resolve}), rule by rule. No Quarkus, no HTTP. */
class UpstreamCallTest {

    private static final ToolSpecification GET_ORDER = ToolSpecification.builder().name("getOrder")
            .description("Looks up an order").build();

    private static ChatRequest.Builder plain() {
        return ChatRequest.builder().messages(UserMessage.from("Where is A1001?"));
    }

    private static ChatRequest.Builder json() {
        return plain().responseFormat(ResponseFormat.JSON);
    }

    private static ChatRequest.Builder withTools() {
        return plain().toolSpecifications(GET_ORDER);
    }

    private static UpstreamCall resolve(ChatRequest.Builder request, CallIntent.Builder intent) {
        return UpstreamCall.resolve(intent.build().attachTo(request.build()));
    }

    @Test
    void thinkingIsOffUnlessAskedFor() {
        UpstreamCall call = UpstreamCall.resolve(plain().build());

        assertFalse(call.thinking().on());
        assertFalse(call.streamed(), "a plain call without thinking is not streamed");
    }

    @Test
    void thinkingAskedForIsOnWithItsBudgetAndStreamed() {
        UpstreamCall call = resolve(plain(), CallIntent.builder().thinking(true, 2048));

        assertTrue(call.thinking().on());
        assertEquals(2048, call.thinking().budget());
        assertTrue(call.streamed(), "AI/ML API refuses thinking on a non-streamed call");
        assertSame(StreamListener.NONE, call.streaming().listener(), "aggregated for a plain caller");
    }

    @Test
    void aJsonFormatTurnsThinkingAndItsBudgetOff() {
        UpstreamCall call = resolve(json(), CallIntent.builder().thinking(true, 2048));

        assertTrue(call.format().json());
        assertFalse(call.thinking().on());
        assertNull(call.thinking().budget(), "a budget only with thinking on");
        assertFalse(call.streamed());
    }

    @Test
    void aForcedChoiceTurnsThinkingOffAndAnAutoChoiceDoesNot() {
        UpstreamCall required = resolve(withTools(), CallIntent.builder().thinking(true, 512).toolChoice("required"));
        UpstreamCall named = resolve(withTools(), CallIntent.builder().thinking(true, 512).toolChoice("getOrder"));
        UpstreamCall auto = resolve(withTools(), CallIntent.builder().thinking(true, 512).toolChoice("auto"));

        assertFalse(required.thinking().on());
        assertNull(required.thinking().budget());
        assertFalse(named.thinking().on());
        assertTrue(auto.thinking().on());
        assertEquals(512, auto.thinking().budget());
    }

    @Test
    void aBudgetWithoutThinkingIsDropped() {
        UpstreamCall call = resolve(plain(), CallIntent.builder().thinking(false, 2048));

        assertFalse(call.thinking().on());
        assertNull(call.thinking().budget());
    }

    @Test
    void aListenerStreamsEvenWithoutThinking() {
        StreamListener listener = new StreamListener() {
            @Override
            public void onToken(String text) {
            }
        };
        Cancellation cancellation = new Cancellation();

        UpstreamCall call = resolve(plain(), CallIntent.builder().streamTo(listener, cancellation));

        assertFalse(call.thinking().on());
        assertTrue(call.streamed());
        assertSame(listener, call.streaming().listener());
        assertSame(cancellation, call.streaming().cancellation());
    }

    @Test
    void samplingFollowsQwensAdviceForEachKindOfCall() {
        UpstreamCall thinking = resolve(plain(), CallIntent.builder().thinking(true));
        UpstreamCall typed = UpstreamCall.resolve(json().build());
        UpstreamCall chat = UpstreamCall.resolve(plain().build());

        assertEquals(0.6, thinking.sampling().temperature());
        assertEquals(0.95, thinking.sampling().topP());
        assertEquals(0.2, typed.sampling().temperature(), "typed extraction runs cooler");
        assertEquals(0.8, typed.sampling().topP());
        assertEquals(0.7, chat.sampling().temperature());
        assertEquals(0.8, chat.sampling().topP());
    }

    @Test
    void theCallersSamplingAndLimitsAreKept() {
        UpstreamCall call = resolve(plain().temperature(1.1).topP(0.5).maxOutputTokens(64),
                CallIntent.builder().thinking(true).seed(7).user("end-user-1"));

        assertEquals(1.1, call.sampling().temperature());
        assertEquals(0.5, call.sampling().topP());
        assertEquals(64, call.sampling().maxOutputTokens());
        assertEquals(7, call.sampling().seed());
        assertEquals("end-user-1", call.sampling().user());
    }

    @Test
    void aToolsNameIsANamedChoiceAndAKeywordStaysAKeyword() {
        UpstreamCall named = resolve(withTools(), CallIntent.builder().toolChoice("getOrder"));
        UpstreamCall required = resolve(withTools(), CallIntent.builder().toolChoice("required"));
        UpstreamCall none = resolve(withTools(), CallIntent.builder().toolChoice("none"));

        assertEquals("named", named.tools().choice());
        assertEquals("getOrder", named.tools().named());
        assertTrue(named.tools().forced());
        assertEquals("required", required.tools().choice());
        assertNull(required.tools().named());
        assertTrue(required.tools().forced());
        assertEquals("none", none.tools().choice());
        assertFalse(none.tools().forced());
    }

    @Test
    void theParallelFlagGoesOnlyWithTools() {
        UpstreamCall without = resolve(plain(), CallIntent.builder().parallelToolCalls(false).toolChoice("required"));
        UpstreamCall with = resolve(withTools(), CallIntent.builder().parallelToolCalls(false));

        assertFalse(without.tools().offered());
        assertNull(without.tools().parallel());
        assertNull(without.tools().choice(), "no choice without tools");
        assertFalse(without.tools().forced());
        assertEquals(Boolean.FALSE, with.tools().parallel());
        assertTrue(with.tools().oneAtATime());
    }

    @Test
    void aTypedCallsCheckGoesWithItsJsonFormatOnly() {
        ReplyCheck check = reply -> Optional.of("add it up");

        UpstreamCall typed = resolve(json(), CallIntent.builder().checkedBy(check));
        UpstreamCall text = resolve(plain(), CallIntent.builder().checkedBy(check));

        assertSame(check, typed.format().check());
        assertSame(ReplyCheck.NONE, text.format().check());
        assertSame(ReplyCheck.NONE, UpstreamCall.resolve(json().build()).format().check());
    }

    @Test
    void aCorrectionIsAddedToTheLastUserMessage() {
        UpstreamCall call = UpstreamCall.resolve(json().build()).amendedWith("It does not add up.");

        assertEquals(1, call.messages().size());
        assertEquals("Where is A1001?\n\nIt does not add up.", ((UserMessage) call.messages().get(0)).singleText());
    }
}
