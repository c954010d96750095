package dev.qwen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

class InMemorySessionStoreTest {

    private static final dev.qwen.common.Caller OWNER = new dev.qwen.common.Caller("anonymous", null);

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idleSessionsExpireAndActiveOnesStay() {
        ManualClock clock = new ManualClock();
        InMemorySessionStore store = new InMemorySessionStore(Duration.ofHours(24), clock);
        try (SessionStore.Lease lease = store.lock("idle", Duration.ZERO)) {
            store.save(lease, SessionStore.Stored.of(OWNER, List.of(UserMessage.from("hi")), List.of()));
        }
        try (SessionStore.Lease lease = store.lock("active", Duration.ZERO)) {
            store.save(lease, SessionStore.Stored.of(OWNER, List.of(UserMessage.from("hello")), List.of()));
        }

        clock.now = clock.now.plus(Duration.ofHours(20));
        assertEquals(1, store.load("active").orElseThrow().messages().size(), "reading a session keeps it alive");
        clock.now = clock.now.plus(Duration.ofHours(5));

        assertTrue(store.load("idle").isEmpty(), "25 h idle: gone");
        assertEquals(1, store.load("active").orElseThrow().messages().size(), "5 h idle: kept");
    }

    @Test
    void theWindowIsBoundedAndStartsAtAUserMessage() {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(SystemMessage.from("system"));
        for (int i = 0; i < 30; i++) {
            conversation.add(UserMessage.from("q" + i));
            conversation.add(AiMessage.from(List.of(dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                    .id("c" + i).name("getOrder").arguments("{}").build())));
            conversation.add(ToolExecutionResultMessage.from("c" + i, "getOrder", "{}"));
        }

        List<ChatMessage> window = MemoryWindow.of(conversation);

        assertTrue(window.size() <= MemoryWindow.MAX_MESSAGES);
        assertTrue(window.get(0) instanceof UserMessage, "never starts with an orphaned tool result");
        assertTrue(window.stream().noneMatch(m -> m instanceof SystemMessage));
        assertEquals("q29", ((UserMessage) window.get(window.size() - 3)).singleText());
    }
}
