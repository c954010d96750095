package dev.qwen.assistant;

import java.util.concurrent.CancellationException;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.qwen.api.ProblemMapper;
import dev.qwen.api.ProviderHeaderFilter;
import dev.qwen.api.RequestIdFilter;
import org.jboss.logging.MDC;
import dev.qwen.orders.ToolRunner;
import dev.qwen.provider.Cancellation;
import dev.qwen.provider.ProviderRouter;
import dev.qwen.provider.RequestTrail;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

@Path("/api/v1/assistant")
@Consumes(MediaType.APPLICATION_JSON)
public class AssistantResource {

    public record Text(String text) {
    }

    public record ToolCallEvent(String id, String name, JsonNode arguments) {
    }

    public record ToolResultEvent(String id, String name, JsonNode result) {
    }

    public record Done(String sessionId, dev.qwen.provider.Usage usage, String provider, String model) {
    }

    static final String STREAM_PATH = "/api/v1/assistant/chat/stream";

    private final AssistantService assistant;
    private final ProviderRouter router;
    private final RequestTrail trail;
    private final ObjectMapper json;

    AssistantResource(AssistantService assistant, ProviderRouter router, RequestTrail trail, ObjectMapper json) {
        this.assistant = assistant;
        this.router = router;
        this.trail = trail;
        this.json = json;
    }

    /** One turn with the order-support agent: memory, tools under the caller's policy, optional thinking. */
    @POST
    @Path("/chat")
    @Produces(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public AssistantReply chat(@Valid @NotNull(message = "a JSON body is required") AssistantRequest request) {
        return assistant.chat(request, null, null);
    }

    /**
     * The same turn as Server-Sent Events, produced as the provider streams: {@code reasoning} (with
     * includeReasoning), {@code token}, {@code tool_call}, {@code tool_result}, then {@code done} or
     * {@code error}. The turn runs on its own virtual thread; a client that disconnects cancels the
     * upstream call in flight. Encoding is Quarkus REST's SSE support.
     */
    @POST
    @Path("/chat/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Valid @NotNull(message = "a JSON body is required") AssistantRequest request,
            @Context Sse sse, @Context HttpServerResponse response) {
        // Headers leave before the first event: X-Provider names the provider the turn starts with
        // (the done event names the one that finished it).
        Multi<OutboundSseEvent> events = Multi.createFrom().emitter(emitter -> {
            Cancellation cancellation = new Cancellation();
            emitter.onTermination(cancellation::cancel);
            Object requestId = MDC.get("requestId");
            Thread.ofVirtual().name("assistant-stream").start(() -> {
                if (requestId != null) {
                    MDC.put("requestId", requestId); // the turn's log lines keep the request's id
                }
                runTurn(request, sse, emitter, cancellation);
            });
        });
        response.putHeader(ProviderHeaderFilter.HEADER, router.preferred().wireName());
        Object requestId = MDC.get("requestId");
        if (requestId != null) {
            response.putHeader(RequestIdFilter.HEADER, requestId.toString());
        }
        return events;
    }

    private void runTurn(AssistantRequest request, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter,
            Cancellation cancellation) {
        // The turn outlives the HTTP request's own scope: give it one of its own (metrics label, provider).
        ManagedContext scope = Arc.container().requestContext();
        scope.activate();
        try {
            trail.endpoint(STREAM_PATH);
            streamTurn(request, sse, emitter, cancellation);
        } finally {
            scope.terminate();
        }
    }

    private void streamTurn(AssistantRequest request, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter,
            Cancellation cancellation) {
        AgentLoop.Events events = new AgentLoop.Events() {
            @Override
            public void onReasoning(String text) {
                if (request.wantsReasoning()) {
                    emit("reasoning", new Text(text));
                }
            }

            @Override
            public void onToken(String text) {
                emit("token", new Text(text));
            }

            @Override
            public boolean delivers(boolean reasoning) {
                return !reasoning || request.wantsReasoning();
            }

            @Override
            public void onToolCall(ToolExecutionRequest call) {
                emit("tool_call", new ToolCallEvent(call.id(), call.name(), arguments(call)));
            }

            @Override
            public void onToolResult(ToolRunner.Outcome result) {
                emit("tool_result", new ToolResultEvent(result.request().id(), result.request().name(),
                        result.result()));
            }

            private void emit(String name, Object data) {
                synchronized (emitter) { // tool results arrive from several threads
                    if (!emitter.isCancelled()) {
                        emitter.emit(event(sse, name, data));
                    }
                }
            }
        };
        try {
            AssistantReply reply = assistant.chat(request, events, cancellation);
            emitter.emit(event(sse, "done", new Done(reply.sessionId(), reply.usage(), reply.provider(), reply.model())));
            emitter.complete();
        } catch (CancellationException gone) {
            emitter.complete();
        } catch (RuntimeException failure) {
            if (!emitter.isCancelled()) {
                emitter.emit(event(sse, "error", ProblemMapper.body(ProblemMapper.problemFor(failure))));
            }
            emitter.complete();
        }
    }

    /** The call's arguments as an object; {@code {}} when the model sent something unparseable. */
    private JsonNode arguments(ToolExecutionRequest call) {
        try {
            JsonNode node = json.readTree(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /** One SSE event whose data is the JSON of {@code data}; framing is Quarkus REST's. */
    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
    }
}
