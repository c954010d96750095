package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;

/** The reply normalisation, decision by decision, without a server: one reply in, the shape callers see out. */
class ReplyNormaliserTest {

    private static final ToolSpecification GET_ORDER = ToolSpecification.builder().name("getOrder").build();

    private static UpstreamCall call(CallIntent intent, boolean tools, boolean json) {
        var parameters = ChatRequestParameters.builder();
        if (tools) {
            parameters.toolSpecifications(GET_ORDER);
        }
        if (json) {
            parameters.responseFormat(ResponseFormat.JSON);
        }
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).parameters(parameters.build()).build();
        return UpstreamCall.resolve(intent.attachTo(request));
    }

    private static final UpstreamCall PLAIN = call(CallIntent.DEFAULT, false, false);
    private static final UpstreamCall THINKING = call(CallIntent.builder().thinking(true).build(), false, false);
    private static final UpstreamCall WITH_TOOLS = call(CallIntent.DEFAULT, true, false);

    @Test
    void reasoningFieldAndContentAreKeptApartAndTheAnswerTrimmed() {
        AiMessage out = ReplyNormaliser.normalise(AiMessage.builder().text("\n\nHello.").thinking("Hmm.").build(), THINKING);
        assertEquals("Hello.", out.text());
        assertEquals("Hmm.", out.thinking());
    }

    @Test
    void aThinkBlockInContentIsReasoning() {
        AiMessage out = ReplyNormaliser.normalise(AiMessage.from("<think>\nHmm.\n</think>\n\nHello."), THINKING);
        assertEquals("Hello.", out.text());
        assertEquals("Hmm.", out.thinking());
    }

    @Test
    void theFieldWinsOverABlockWithTheSameText() {
        AiMessage out = ReplyNormaliser.normalise(
                AiMessage.builder().text("<think>Hmm.</think>Hello.").thinking("Hmm.").build(), THINKING);
        assertEquals("Hmm.", out.thinking());
        assertEquals("Hello.", out.text());
    }

    @Test
    void withThinkingOffAReasoningFieldWithoutContentIsTheAnswer() {
        AiMessage out = ReplyNormaliser.normalise(AiMessage.builder().thinking("It shipped.").build(), PLAIN);
        assertEquals("It shipped.", out.text());
        assertNull(out.thinking());
    }

    @Test
    void withThinkingOnAReasoningFieldWithoutContentStaysReasoning() {
        AiMessage out = ReplyNormaliser.normalise(AiMessage.builder().thinking("Still thinking").build(), THINKING);
        assertEquals("", out.text());
        assertEquals("Still thinking", out.thinking());
    }

    @Test
    void toolCallMarkupBecomesCallsWithIdsAndTheRestStaysText() {
        String content = "Checking.\n<tool_call>\n{\"name\": \"getOrder\", \"arguments\": {\"orderId\": \"A1001\"}}\n"
                + "</tool_call>\n<tool_call>\n{\"name\": \"getOrder\", \"arguments\": {\"orderId\": \"A1002\"}}\n</tool_call>";
        AiMessage out = ReplyNormaliser.normalise(AiMessage.from(content), WITH_TOOLS);
        assertEquals("Checking.", out.text());
        assertEquals(2, out.toolExecutionRequests().size());
        ToolExecutionRequest first = out.toolExecutionRequests().get(0);
        assertEquals("getOrder", first.name());
        assertEquals("{\"orderId\":\"A1001\"}", first.arguments());
        assertTrue(first.id().startsWith("call_") && !first.id().equals(out.toolExecutionRequests().get(1).id()));
    }

    @Test
    void markupWithOnlyCallsLeavesNoText() {
        AiMessage out = ReplyNormaliser.normalise(
                AiMessage.from("<tool_call>{\"name\":\"getOrder\",\"arguments\":\"{\\\"orderId\\\":\\\"A1\\\"}\"}</tool_call>"),
                WITH_TOOLS);
        assertNull(out.text());
        assertEquals("{\"orderId\":\"A1\"}", out.toolExecutionRequests().get(0).arguments(), "string arguments kept");
    }

    @Test
    void anUnreadableBlockIsDroppedNotShown() {
        AiMessage out = ReplyNormaliser.normalise(AiMessage.from("Hi <tool_call>{oops</tool_call>"), WITH_TOOLS);
        assertEquals("Hi", out.text());
        assertTrue(out.toolExecutionRequests().isEmpty());
    }

    @Test
    void markupIsLeftAloneWhenNoToolsWereOffered() {
        AiMessage out = ReplyNormaliser.normalise(AiMessage.from("<tool_call>{\"name\":\"x\"}</tool_call>"), PLAIN);
        assertTrue(out.toolExecutionRequests().isEmpty());
    }

    @Test
    void realToolCallsWinOverMarkup() {
        List<ToolExecutionRequest> real = List.of(ToolExecutionRequest.builder().id("r1").name("getOrder")
                .arguments("{}").build());
        AiMessage out = ReplyNormaliser.normalise(AiMessage.builder()
                .text("<tool_call>{\"name\":\"getOrder\",\"arguments\":{}}</tool_call>").toolExecutionRequests(real)
                .build(), WITH_TOOLS);
        assertEquals(List.of("r1"), out.toolExecutionRequests().stream().map(ToolExecutionRequest::id).toList());
    }

    @Test
    void withParallelCallsOffOnlyTheFirstCallIsKept() {
        UpstreamCall oneAtATime = call(CallIntent.builder().parallelToolCalls(false).build(), true, false);
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            calls.add(ToolExecutionRequest.builder().id(id).name("getOrder").arguments("{}").build());
        }
        AiMessage out = ReplyNormaliser.normalise(AiMessage.from(calls), oneAtATime);
        assertEquals(List.of("a"), out.toolExecutionRequests().stream().map(ToolExecutionRequest::id).toList());
        assertEquals(3, ReplyNormaliser.normalise(AiMessage.from(calls), WITH_TOOLS).toolExecutionRequests().size());
    }

    @Test
    void typedOutputLosesItsFences() {
        UpstreamCall typed = call(CallIntent.DEFAULT, false, true);
        AiMessage out = ReplyNormaliser.normalise(AiMessage.from("<think></think>\n```json\n{\"a\":1}\n```"), typed);
        assertEquals("{\"a\":1}", out.text());
    }
}
