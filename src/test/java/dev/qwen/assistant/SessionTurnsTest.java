package dev.qwen.assistant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.qwen.agent.SessionStore;
import io.quarkus.test.junit.QuarkusTest;

/** Turns sent at the same time on one session all end up in its memory, none overwrites another. */
@QuarkusTest
class SessionTurnsTest {

    @Inject
    SessionStore sessions;

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void concurrentTurnsOnOneSessionAreAllRemembered() {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> turns = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return given().contentType("application/json")
                            .body("{\"sessionId\":\"s-concurrent\",\"message\":\"question " + i + " about A1001\"}")
                            .post("/api/v1/assistant/chat").then().extract().statusCode();
                }, clients))
                .toList();
        go.countDown();
        turns.forEach(t -> assertEquals(200, t.join()));
        clients.shutdown();

        List<ChatMessage> memory = sessions.load("s-concurrent").orElseThrow().messages();
        for (int i = 0; i < 6; i++) {
            String question = "question " + i + " about A1001";
            assertTrue(memory.stream().anyMatch(m -> m instanceof UserMessage u && question.equals(u.singleText())),
                    question + " is missing from " + memory.size() + " messages");
        }
    }
}
