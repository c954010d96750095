package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReasoningStripperTest {

    @Test
    void closedBlockIsSplitFromTheAnswer() {
        var split = ReasoningStripper.split("<think>\nweigh {a} and {b}\n</think>\n\n{\"x\":1}");
        assertEquals("weigh {a} and {b}", split.reasoning());
        assertEquals("{\"x\":1}", split.answer());
    }

    @Test
    void emptyBlockLeavesOnlyTheAnswer() {
        var split = ReasoningStripper.split("<think>\n\n</think>\n\nHello!");
        assertEquals("", split.reasoning());
        assertEquals("Hello!", split.answer());
    }

    @Test
    void blockOpenedByTheTemplateHasOnlyAClosingTag() {
        var split = ReasoningStripper.split("thinking {here}</think>answer");
        assertEquals("thinking {here}", split.reasoning());
        assertEquals("answer", split.answer());
    }

    @Test
    void unclosedLeadingBlockIsAllReasoning() {
        var split = ReasoningStripper.split("<think>still going {");
        assertEquals("still going {", split.reasoning());
        assertEquals("", split.answer());
    }

    @Test
    void plainContentIsUntouched() {
        assertEquals("Hi there", ReasoningStripper.split("  Hi there \n").answer());
        assertEquals("", ReasoningStripper.split(null).answer());
    }

    @Test
    void fencesAreRemovedForJson() {
        assertEquals("{\"a\":1}", ReasoningStripper.jsonCandidate("<think></think>```json\n{\"a\":1}\n```"));
        assertEquals("{\"a\":1}", ReasoningStripper.jsonCandidate("```\n{\"a\":1}```"));
        assertEquals("{\"a\":1}", ReasoningStripper.jsonCandidate("{\"a\":1}"));
    }
}
