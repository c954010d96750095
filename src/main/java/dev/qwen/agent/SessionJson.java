package dev.qwen.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.qwen.common.Caller;

/**
 * A session as one JSON document: {@code {"owner": {"key", "customer"}, "messages": [...], "pending": [...]}},
 * the messages in LangChain4j's own JSON. A document that is only the array of messages was written before
 * sessions had owners: it reads as a session of nobody's.
 */
final class SessionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionJson() {
    }

    static String write(SessionStore.Stored session) {
        ObjectNode root = JSON.createObjectNode();
        if (session.owner() != null) {
            root.putObject("owner").put("key", session.owner().key()).put("customer", session.owner().customer());
        }
        try {
            root.set("messages", JSON.readTree(ChatMessageSerializer.messagesToJson(session.messages())));
        } catch (Exception e) {
            throw new IllegalStateException("session messages not serialisable", e);
        }
        ArrayNode pending = root.putArray("pending");
        for (PendingCall call : session.pending()) {
            pending.addObject().put("approvalId", call.approvalId()).put("id", call.call().id())
                    .put("name", call.call().name()).put("arguments", call.call().arguments())
                    .put("expiresAt", call.expiresAt().toString());
        }
        return root.toString();
    }

    static SessionStore.Stored read(String json, Instant expiresAt) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("stored session is not JSON", e);
        }
        if (root.isArray()) {
            return new SessionStore.Stored(null, ChatMessageDeserializer.messagesFromJson(json), List.of(), expiresAt);
        }
        JsonNode owner = root.path("owner");
        Caller caller = owner.isObject()
                ? new Caller(owner.path("key").asText(null), owner.path("customer").isTextual()
                        ? owner.path("customer").asText() : null)
                : null;
        List<PendingCall> pending = new ArrayList<>();
        for (JsonNode call : root.path("pending")) {
            pending.add(new PendingCall(call.path("approvalId").asText(), ToolExecutionRequest.builder()
                    .id(call.path("id").asText()).name(call.path("name").asText())
                    .arguments(call.path("arguments").asText()).build(), Instant.parse(call.path("expiresAt").asText())));
        }
        return new SessionStore.Stored(caller, ChatMessageDeserializer.messagesFromJson(root.path("messages").toString()),
                List.copyOf(pending), expiresAt);
    }
}
