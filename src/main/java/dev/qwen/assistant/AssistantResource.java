package dev.qwen.assistant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.agent.TurnEvent;
import dev.qwen.provider.BackgroundStream;
import dev.qwen.common.ProblemBodies;
import dev.qwen.common.ReplayableEvents;
import dev.qwen.provider.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;

@Path("/api/v1/assistant")
@Consumes(MediaType.APPLICATION_JSON)
public class AssistantResource {

    /** The {@code approval_required} event's data: the calls that wait for a person's decision. */
    @RegisterForReflection
    public record ApprovalRequired(List<AssistantReply.PendingApproval> approvals) {
    }

    /** The {@code done} event's data. */
    @RegisterForReflection
    public record Done(String sessionId, Usage usage, String provider, String model) {
    }

    private final AssistantService assistant;
    private final ProblemBodies problems;
    private final ReplayableEvents replayable;
    private final ObjectMapper json;

    AssistantResource(AssistantService assistant, ProblemBodies problems, ReplayableEvents replayable,
            ObjectMapper json) {
        this.assistant = assistant;
        this.problems = problems;
        this.replayable = replayable;
        this.json = json;
    }

    /** One turn with the order-support agent: memory, tools under the caller's policy, optional thinking. */
    @POST
    @Path("/chat")
    @Produces(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public AssistantReply chat(@Valid @NotNull(message = "a JSON body is required") AssistantRequest request) {
        return assistant.chat(request);
    }

    /**
     * The same turn as Server-Sent Events, produced as the provider streams: {@code reasoning} (with
     * includeReasoning), {@code token}, {@code tool_call}, {@code tool_result}, then {@code done} or
     * {@code error}. The response starts with the first event: a failure before it is the problem response
     * with its status. A client that hangs up, before the first event or after, cancels the upstream call.
     * Framing is Quarkus REST's. Under an {@code Idempotency-Key}, a repeat of a finished stream gets its events
     * again, and nothing runs.
     */
    @POST
    @Path("/chat/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // A worker thread, held only until the first event: Quarkus REST writes an event stream's status and headers
    // when it subscribes, so the wait that decides between a problem and a 200 must happen before the method
    // returns, and Quarkus REST runs a method that returns a Multi on a virtual thread only in name.
    @Blocking
    public Multi<OutboundSseEvent> stream(@Valid @NotNull(message = "a JSON body is required") AssistantRequest request,
            @Context Sse sse, @Context HttpServerResponse response) {
        BooleanSupplier callerGone = response::closed;
        return replayable.of(sse, () -> {
            BackgroundStream<TurnEvent> turn = assistant.stream(request);
            TurnEvent first = turn.first(callerGone); // a failure before it is thrown: the problem is the answer
            return turn.events(first, callerGone).map(event -> sseEvent(sse, event));
        });
    }

    private OutboundSseEvent sseEvent(Sse sse, TurnEvent event) {
        return switch (event) {
            case TurnEvent.Reasoning reasoning -> event(sse, "reasoning", reasoning);
            case TurnEvent.Token token -> event(sse, "token", token);
            case TurnEvent.ToolCalled call -> event(sse, "tool_call", call);
            case TurnEvent.ToolFinished result -> event(sse, "tool_result", result);
            case TurnEvent.ApprovalRequired held -> event(sse, "approval_required",
                    new ApprovalRequired(held.approvals().stream().map(assistant::pendingApproval).toList()));
            case TurnEvent.Done done -> event(sse, "done", new Done(done.sessionId(), done.outcome().usage(),
                    done.outcome().provider(), done.outcome().model()));
            case TurnEvent.Failed failed -> event(sse, "error", problems.of(failed.failure()));
        };
    }

    /** One SSE event whose data is the JSON of {@code data}. */
    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
    }
}
