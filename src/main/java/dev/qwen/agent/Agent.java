package dev.qwen.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;


import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.observability.api.listener.AiServiceResponseReceivedListener;
import dev.langchain4j.service.Result;
import dev.qwen.common.Caller;
import dev.qwen.common.WriteKey;
import dev.qwen.observability.ServiceMetrics;
import dev.qwen.orders.OrderTools;
import dev.qwen.provider.BackgroundStream;
import dev.qwen.provider.CallIntent;
import dev.qwen.provider.Cancellation;
import dev.qwen.provider.QwenChatModel;
import dev.qwen.provider.RequestTrail;
import dev.qwen.provider.Usage;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The agent room's one door: a turn in, events out. A turn is a call of the declarative
 * {@link Conversation} service, built with LangChain4j's {@code AiServices} ({@link PlainAiServices}):
 * the library runs the function-calling loop, executes the tool calls of one model reply concurrently
 * (answered in the order asked, matched by {@code tool_call_id}), applies the strategies for unknown
 * tools and unusable arguments ({@link ToolBox}) and keeps the memory ({@link TurnMemory}). What it cannot
 * do is done at its documented seams: the per-call intent (thinking, and a forced tool choice on the first
 * call only) and the bound on model calls by its request transformer ({@link Turn#nextCall}); tool calls
 * and results reach the events through its listener and its after-tool hook; text streams through the
 * {@link QwenChatModel} it is given. That is why the service is the synchronous one and not
 * {@code TokenStream}: a streamed call must be retried and failed over until the caller has seen text, and
 * cancelled when the client leaves, which the facade's guards and {@code LibraryInternals} do on this
 * virtual thread ({@code FaultInjectionTest}, {@code StreamCancellationTest}).
 */
@ApplicationScoped
public class Agent {

    /** Model calls one turn may make before it is ended as a model that will not answer. */
    public static final int MAX_MODEL_CALLS = 8;

    /** What a finished turn reports. {@code reasoning} is what the model thought on the way, or null. */
    public record Outcome(String answer, String reasoning, List<ToolCall> toolCalls, Usage usage, String provider,
            String model) {
    }

    private final SessionStore sessions;
    private final java.time.Duration lockWait;
    private final RequestTrail trail;
    private final ToolBox tools;
    private final ExecutorService toolThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Conversation conversation;

    Agent(QwenChatModel model, OrderTools orderTools, SessionStore sessions, SessionConfig sessionConfig,
            RequestTrail trail, ObjectMapper json, ServiceMetrics metrics, Tracer tracer) {
        this.sessions = sessions;
        this.lockWait = sessionConfig.sessionLockWait();
        this.trail = trail;
        this.tools = new ToolBox(orderTools, OrderTools.class, json, metrics, tracer);
        this.conversation = PlainAiServices.builder(Conversation.class)
                .chatModel(model)
                .systemMessageProvider(turn -> ((Turn) turn).system())
                .chatMemoryProvider(turn -> new TurnMemory((Turn) turn, ((Turn) turn).history()))
                .chatRequestTransformer((request, turn) -> ((Turn) turn).nextCall(request))
                .tools(tools.executors())
                // Tool spans stay children of the turn's span on the tool threads.
                .executeToolsConcurrently(Context.taskWrapping(toolThreads))
                .maxSequentialToolsInvocations(MAX_MODEL_CALLS) // Turn#nextCall ends the turn first, with our error
                .hallucinatedToolNameStrategy(tools::unknownTool)
                .toolArgumentsErrorHandler(tools::badArguments)
                .toolExecutionErrorHandler(tools::failed)
                .registerListener((AiServiceResponseReceivedListener) event -> {
                    Turn turn = (Turn) event.invocationContext().chatMemoryId();
                    event.response().aiMessage().toolExecutionRequests()
                            .forEach(call -> turn.events().onToolCall(toolCall(call, null)));
                })
                .afterToolExecution(done -> ((Turn) done.invocationContext().chatMemoryId()).events()
                        .onToolResult(toolCall(done.request(), done.result())))
                .build();
    }

    /**
     * Runs one turn. With a session id, the session's memory goes in and, only when the turn succeeds, the
     * new window goes back; turns of one session take their turn, across replicas. A session belongs to the
     * caller that started it: for any other caller it does not exist. With {@code events}, every model call
     * streams upstream and text reaches them as it arrives; a cancelled {@code cancellation} stops the call
     * in flight.
     */
    public Outcome run(TurnRequest request, AgentEvents events, Cancellation cancellation) {
        AgentEvents sink = events != null ? events : new AgentEvents() {
        };
        CallIntent intent = request.intent().toBuilder().streamTo(events, cancellation).build();
        String sessionId = request.sessionId();
        // Turns of one session run one at a time on every replica: the store's lease, waited for up to
        // qwen.session-lock-wait (then SessionBusyException, 409 session_busy).
        try (SessionStore.Lease lease = sessionId == null ? null : sessions.lock(sessionId, lockWait)) {
            List<ChatMessage> history = sessionId == null ? List.of() : history(sessionId, request.caller());
            // Read once, outside LangChain4j's memory map: the turn's memory starts from it.
            Turn turn = new Turn(sessionId, request.system(), intent, sink, history);
            try {
                Result<String> result = conversation.reply(turn, List.of(TextContent.from(request.message())),
                        invocationParameters(request.caller()));
                if (lease != null) {
                    sessions.save(lease, SessionStore.Stored.of(request.caller(),
                            MemoryWindow.of(conversation.getChatMemory(turn).messages()), List.of()));
                }
                return outcome(result);
            } finally {
                conversation.evictChatMemory(turn);
            }
        }
    }

    /** The session's window when {@code caller} owns it, empty for a new session; any other's is not found. */
    private List<ChatMessage> history(String sessionId, Caller caller) {
        Optional<SessionStore.Stored> stored = sessions.load(sessionId);
        if (stored.isEmpty()) {
            return List.of();
        }
        if (!caller.owns(stored.get().owner())) {
            throw new SessionNotFoundException();
        }
        return stored.get().messages();
    }

    /**
     * The same turn as events, produced as the provider streams, on a virtual thread of its own
     * ({@link BackgroundStream}: a failure before the first event is thrown by its {@code first()}, one after it
     * is the last event). Cancelling it (a client that hung up) cancels the upstream call in flight and ends
     * the turn without a trace in the session. {@code reasoning} says whether reasoning text is delivered.
     */
    public BackgroundStream<TurnEvent> stream(TurnRequest request, boolean reasoning) {
        return BackgroundStream.start("agent-turn", trail, TurnEvent.Failed::new, (emit, cancellation) -> {
            Outcome outcome = run(request, new Emitting(emit, reasoning), cancellation);
            emit.accept(new TurnEvent.Done(request.sessionId(), outcome));
        });
    }

    /** Turn events onto a stream; tool results arrive from several threads (the queue behind it is safe). */
    private record Emitting(Consumer<TurnEvent> emit, boolean reasoning) implements AgentEvents {

        @Override
        public void onReasoning(String text) {
            if (reasoning) {
                emit.accept(new TurnEvent.Reasoning(text));
            }
        }

        @Override
        public void onToken(String text) {
            emit.accept(new TurnEvent.Token(text));
        }

        @Override
        public boolean delivers(boolean isReasoning) {
            return !isReasoning || reasoning;
        }

        @Override
        public void onToolCall(ToolCall call) {
            emit.accept(new TurnEvent.ToolCalled(call.id(), call.name(), call.arguments()));
        }

        @Override
        public void onToolResult(ToolCall call) {
            emit.accept(new TurnEvent.ToolFinished(call.id(), call.name(), call.result()));
        }
    }

    /** What the turn's tools receive: the request's write key and the customer, when there are. */
    private InvocationParameters invocationParameters(Caller caller) {
        InvocationParameters parameters = new InvocationParameters();
        if (trail.writeKey() != null) {
            parameters.put(WriteKey.PARAMETER, trail.writeKey());
        }
        if (caller.customer() != null) {
            parameters.put(Caller.CUSTOMER_PARAMETER, caller.customer());
        }
        return parameters;
    }

    private Outcome outcome(Result<String> result) {
        List<ChatResponse> responses = new ArrayList<>(result.intermediateResponses());
        responses.add(result.finalResponse());
        Usage usage = Usage.ZERO;
        StringBuilder reasoning = new StringBuilder();
        for (ChatResponse response : responses) {
            usage = usage.plus(Usage.of(response.tokenUsage()));
            AiMessage message = response.aiMessage();
            if (message.thinking() != null) {
                reasoning.append(reasoning.isEmpty() ? "" : "\n\n").append(message.thinking());
            }
        }
        List<ToolCall> calls = result.toolExecutions().stream().map(e -> toolCall(e.request(), e.result())).toList();
        String answer = result.content() == null ? "" : result.content();
        return new Outcome(answer, reasoning.isEmpty() ? null : reasoning.toString(), calls, usage,
                trail.provider() == null ? null : trail.provider().wireName(), trail.model());
    }

    private ToolCall toolCall(ToolExecutionRequest request, String result) {
        return new ToolCall(request.id(), request.name(), tools.arguments(request),
                result == null ? null : tools.result(result));
    }

    @PreDestroy
    void close() {
        toolThreads.shutdownNow();
    }
}
