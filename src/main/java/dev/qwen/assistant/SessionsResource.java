package dev.qwen.assistant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.qwen.agent.SessionConfig;
import dev.qwen.agent.SessionNotFoundException;
import dev.qwen.agent.SessionStore;
import dev.qwen.provider.RequestTrail;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * A session's memory, as the assistant keeps it: shown, or erased, by the key that started it. For any other
 * key the session does not exist; one stored before sessions had owners exists for nobody.
 */
@Path("/api/v1/assistant/sessions/{id}")
public class SessionsResource {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SessionMessage", requiredProperties = "role",
            description = "content is left out when there is none; name on tool messages, toolCalls on assistant messages that called tools")
    public record MessageView(String role, String content, String name, List<ToolCallView> toolCalls) {
    }

    @RegisterForReflection
    @Schema(name = "SessionToolCall")
    public record ToolCallView(String id, String name, JsonNode arguments) {
    }

    @RegisterForReflection
    @Schema(name = "Session")
    public record SessionView(String sessionId, List<MessageView> messages, Instant expiresAt) {
    }

    private final SessionStore sessions;
    private final SessionConfig config;
    private final ObjectMapper json;
    private final RequestTrail trail;

    SessionsResource(SessionStore sessions, SessionConfig config, ObjectMapper json, RequestTrail trail) {
        this.sessions = sessions;
        this.config = config;
        this.json = json;
        this.trail = trail;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public SessionView get(@PathParam("id") String id) {
        SessionStore.Stored stored = (SESSION_ID.matcher(id).matches() ? sessions.find(id)
                : java.util.Optional.<SessionStore.Stored> empty()).filter(this::ownedByCaller)
                .orElseThrow(SessionNotFoundException::new);
        return new SessionView(id, stored.messages().stream().map(this::view).filter(java.util.Objects::nonNull).toList(),
                stored.expiresAt());
    }

    /**
     * Waits for a turn in flight on the session (its lease), so that turn cannot write the session back. No
     * body, so no {@code @Produces}: any Accept will do (generated clients send only the problem type here).
     */
    @DELETE
    @RunOnVirtualThread
    public void delete(@PathParam("id") String id) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw new SessionNotFoundException();
        }
        try (SessionStore.Lease lease = sessions.lock(id, config.sessionLockWait())) {
            if (sessions.find(id).filter(this::ownedByCaller).isEmpty() || !sessions.delete(id)) {
                throw new SessionNotFoundException();
            }
        }
    }

    /** Sessions belong to the key that started them (whatever customer it named). */
    private boolean ownedByCaller(SessionStore.Stored session) {
        return session.owner() != null && trail.caller().equals(session.owner().key());
    }

    private MessageView view(ChatMessage message) {
        return switch (message) {
            case UserMessage user -> new MessageView("user", text(user.contents()), null, null);
            case AiMessage ai -> new MessageView("assistant", ai.text(), null, ai.hasToolExecutionRequests()
                    ? ai.toolExecutionRequests().stream()
                            .map(call -> new ToolCallView(call.id(), call.name(), arguments(call.arguments()))).toList()
                    : null);
            case ToolExecutionResultMessage tool -> new MessageView("tool", tool.text(), tool.toolName(), null);
            default -> null; // system messages are not stored
        };
    }

    private static String text(List<Content> contents) {
        List<String> texts = new ArrayList<>();
        for (Content content : contents) {
            if (content instanceof TextContent text) {
                texts.add(text.text());
            }
        }
        return String.join("\n", texts);
    }

    private JsonNode arguments(String arguments) {
        try {
            return json.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (Exception e) {
            return json.valueToTree(Map.of());
        }
    }
}
