package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

/** The stream side of the normalisation: what a listener hears while a reply arrives piece by piece. */
class StreamNormaliserTest {

    /** Records what it hears as "r:" and "t:" entries. */
    private static final class Heard implements StreamListener {
        final List<String> heard = new ArrayList<>();

        @Override
        public void onReasoning(String text) {
            heard.add("r:" + text);
        }

        @Override
        public void onToken(String text) {
            heard.add("t:" + text);
        }

        @Override
        public boolean delivers(boolean reasoning) {
            return true;
        }

        String reasoning() {
            return String.join("", heard.stream().filter(h -> h.startsWith("r:")).map(h -> h.substring(2)).toList());
        }

        String tokens() {
            return String.join("", heard.stream().filter(h -> h.startsWith("t:")).map(h -> h.substring(2)).toList());
        }
    }

    private static Heard feed(boolean thinking, boolean holdText, AiMessage finalReply, String... pieces) {
        Heard heard = new Heard();
        StreamNormaliser live = new StreamNormaliser(heard, thinking, holdText);
        for (String piece : pieces) {
            live.content(piece);
        }
        live.finish(finalReply);
        return heard;
    }

    @Test
    void aThinkBlockCutAcrossPiecesIsReasoning() {
        Heard heard = feed(true, false, AiMessage.from("Done."), "<thi", "nk>Checking", "\n</think", ">\n\nDone.");
        assertEquals("Checking\n", heard.reasoning());
        assertEquals("Done.", heard.tokens());
    }

    @Test
    void withThinkingOffAThinkBlockIsHeardByNobody() {
        Heard heard = feed(false, false, AiMessage.from("Hi"), "<think>\n\n</think>\n\n", "Hi");
        assertEquals("", heard.reasoning());
        assertEquals("Hi", heard.tokens());
    }

    @Test
    void markupIsKeptBackPieceByPiece() {
        String reply = "Wait. <tool_call>\n{\"name\": \"getOrder\", \"arguments\": {}}\n</tool_call> Done.";
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < reply.length(); i += 3) {
            pieces.add(reply.substring(i, Math.min(reply.length(), i + 3)));
        }
        AiMessage normalised = AiMessage.builder().text("Wait. Done.").toolExecutionRequests(List.of(
                ToolExecutionRequest.builder().id("x").name("getOrder").arguments("{}").build())).build();
        Heard heard = feed(false, false, normalised, pieces.toArray(String[]::new));
        assertEquals("Wait. Done.", heard.tokens());
        assertFalse(heard.tokens().contains("<"));
    }

    @Test
    void aMisroutedAnswerIsHeardAsTokensAtTheEnd() {
        Heard heard = new Heard();
        StreamNormaliser live = new StreamNormaliser(heard, false, false);
        live.reasoning("It ");
        live.reasoning("shipped.");
        assertTrue(heard.heard.isEmpty(), "held: it may still be reasoning");
        live.finish(AiMessage.from("It shipped."));
        assertEquals(List.of("t:It shipped."), heard.heard);
    }

    @Test
    void heldTextOfAReplyToBeAskedAgainIsNeverHeard() {
        Heard heard = feed(false, true, AiMessage.from("Sure, let me think."), "Sure, ", "let me think.");
        assertTrue(heard.heard.isEmpty());
    }

    @Test
    void heldTextOfAKeptReplyIsHeardAtTheEnd() {
        AiMessage kept = AiMessage.builder().text("Looking.").toolExecutionRequests(List.of(
                ToolExecutionRequest.builder().id("x").name("getOrder").arguments("{}").build())).build();
        Heard heard = feed(false, true, kept, "Looking.");
        assertEquals("Looking.", heard.tokens());
    }
}
