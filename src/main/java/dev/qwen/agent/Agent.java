package dev.qwen.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
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
 * The agent package's one door: a turn in, events out. A turn is a call of the declarative
 * {@link Conversation} service, built with LangChain4j's {@code AiServices} ({@link PlainAiServices}):
 * the library runs the function-calling loop, executes the tool calls of one model reply concurrently
 * (answered in the order asked, matched by {@code tool_call_id}), applies the strategies for unknown
 * tools and unusable arguments ({@link ToolBox}) and keeps the memory ({@link TurnMemory}). What it cannot
 * do is done at its documented seams: the per-call intent (thinking, a forced tool choice on the first call
 * only, the turn's tools), the bound on model calls and the stop for a person's decision by its request
 * transformer ({@link Turn#nextCall}); tool calls and results reach the events through its listener and its
 * after-tool hook; text streams through the {@link QwenChatModel} it is given. That is why the service is
 * the synchronous one and not {@code TokenStream}: a streamed call must be retried and failed over until the
 * caller has seen text, and cancelled when the caller hangs up, which the facade does on the turn's thread.
 *
 * <p>
 * A tool call that needs a person's decision ({@link ApprovalGate}) is not run: the other calls of its reply
 * run, the turn stops before its next model call, and the session keeps the call as pending until it is
 * decided ({@link #resume}) or expires (the next turn then tells the model so).
 */
@ApplicationScoped
public class Agent {

    /** Model calls one turn may make before it is ended as a model that will not answer. */
    public static final int MAX_MODEL_CALLS = 8;

    /** What the model reads as the result of a call that waited for a decision and expired. */
    static final String EXPIRED = "the approval for this call expired before anyone decided";

    /**
     * What a turn reports. {@code reasoning} is what the model thought on the way, or null; {@code approvals}
     * are the calls that wait for a person's decision (then the turn stopped, and {@code answer} is null).
     */
    public record Outcome(String answer, String reasoning, List<ToolCall> toolCalls, List<PendingCall> approvals,
            Usage usage, String provider, String model) {

        public boolean waitsForApproval() {
            return !approvals.isEmpty();
        }
    }

    private final SessionStore sessions;
    private final java.time.Duration lockWait;
    private final RequestTrail trail;
    private final ToolBox tools;
    private final ApprovalGate approvals;
    private final ExecutorService toolThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Conversation conversation;

    Agent(QwenChatModel model, OrderTools orderTools, SessionStore sessions, SessionConfig sessionConfig,
            RequestTrail trail, ObjectMapper json, ServiceMetrics metrics, Tracer tracer, ApprovalGate approvals) {
        this.sessions = sessions;
        this.lockWait = sessionConfig.sessionLockWait();
        this.trail = trail;
        this.approvals = approvals;
        this.tools = new ToolBox(orderTools, OrderTools.class, json, metrics, tracer, approvals);
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
                    turn.replied(event.response());
                    event.response().aiMessage().toolExecutionRequests()
                            .forEach(call -> turn.events().onToolCall(toolCall(call, null)));
                })
                .afterToolExecution(done -> {
                    Turn turn = (Turn) done.invocationContext().chatMemoryId();
                    if (!turn.isHeld(done.request().id())) {
                        ToolCall call = toolCall(done.request(), done.result());
                        turn.ran(call);
                        turn.events().onToolResult(call);
                    }
                })
                .build();
    }

    /**
     * Runs one turn. With a session id, the session's memory goes in and, only when the turn succeeds (or
     * stops for a decision), the new window goes back; turns of one session take their turn, across replicas.
     * A session belongs to the caller that started it: for any other caller it does not exist. With
     * {@code events}, every model call streams upstream and text reaches them as it arrives; a cancelled
     * {@code cancellation} stops the call in flight.
     */
    public Outcome run(TurnRequest request, AgentEvents events, Cancellation cancellation) {
        String sessionId = request.sessionId();
        // Turns of one session run one at a time on every replica: the store's lease, waited for up to
        // qwen.session-lock-wait (then SessionBusyException, 409 session_busy).
        try (SessionStore.Lease lease = sessionId == null ? null : sessions.lock(sessionId, lockWait)) {
            List<ChatMessage> history = sessionId == null ? List.of() : history(sessionId, request.caller());
            return converse(request, lease, history, request.message(), events, cancellation);
        }
    }

    /**
     * Continues a session's turn that stopped for a decision: under the session's lease, the pending call
     * {@code approvalId} is carried out ({@code carryOut} runs the tool, or says why it did not, and answers
     * the JSON the model reads as its result). While other calls of the same reply still wait, the result is
     * kept and the answer lists what still waits; otherwise the model goes on from the results, and the answer
     * is the turn's, its tool calls starting with the decided one. {@code request} names the session, its owner
     * and the instructions; it has no message.
     *
     * @throws ApprovalNotPendingException when the session no longer waits for {@code approvalId}
     */
    public Outcome resume(TurnRequest request, String approvalId, Function<PendingCall, String> carryOut) {
        try (SessionStore.Lease lease = sessions.lock(request.sessionId(), lockWait)) {
            SessionStore.Stored stored = sessions.load(request.sessionId())
                    .filter(session -> request.caller().owns(session.owner()))
                    .orElseThrow(ApprovalNotPendingException::new);
            PendingCall decided = stored.pending().stream().filter(p -> p.approvalId().equals(approvalId))
                    .findFirst().orElseThrow(ApprovalNotPendingException::new);
            List<ChatMessage> history = new ArrayList<>(stored.messages());
            String result = carryOut.apply(decided);
            history.add(ToolExecutionResultMessage.from(decided.call(), result));
            ToolCall carriedOut = toolCall(decided.call(), result);
            List<PendingCall> waiting = stored.pending().stream().filter(p -> p != decided).toList();
            if (!waiting.isEmpty()) {
                sessions.save(lease, SessionStore.Stored.of(request.caller(), history, waiting));
                return new Outcome(null, null, List.of(carriedOut), waiting, Usage.ZERO, null, null);
            }
            Outcome continued = converse(request, lease, history, Turn.CONTINUE, null, null);
            List<ToolCall> calls = new ArrayList<>(List.of(carriedOut));
            calls.addAll(continued.toolCalls());
            return new Outcome(continued.answer(), continued.reasoning(), List.copyOf(calls), continued.approvals(),
                    continued.usage(), continued.provider(), continued.model());
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
        List<ChatMessage> history = new ArrayList<>(stored.get().messages());
        Instant now = Instant.now();
        List<String> waiting = stored.get().pending().stream().filter(p -> !p.expired(now))
                .map(PendingCall::approvalId).toList();
        if (!waiting.isEmpty()) {
            throw new ApprovalPendingException(waiting);
        }
        // Calls whose approval expired get their result now: the model learns they did not run.
        stored.get().pending().forEach(expired -> history.add(ToolExecutionResultMessage.from(expired.call(),
                tools.error(EXPIRED))));
        return history;
    }

    /** One run of LangChain4j's loop over {@code history} and {@code message}, its memory saved under the lease. */
    private Outcome converse(TurnRequest request, SessionStore.Lease lease, List<ChatMessage> history, String message,
            AgentEvents events, Cancellation cancellation) {
        AgentEvents sink = events != null ? events : new AgentEvents() {
        };
        CallIntent intent = request.intent().toBuilder().streamTo(events, cancellation).build();
        Turn turn = new Turn(request.sessionId(), request.system(), intent, sink, history,
                request.tools() != null ? request.tools() : tools.names());
        try {
            String answer;
            List<PendingCall> pending = List.of();
            try {
                Result<String> result = conversation.reply(turn, List.of(TextContent.from(message)),
                        invocationParameters(request.caller()));
                answer = result.content() == null ? "" : result.content();
            } catch (TurnHeld held) {
                if (request.sessionId() == null) {
                    throw new IllegalStateException("a turn without a session cannot wait for a decision");
                }
                answer = null;
                pending = approvals.hold(request.sessionId(), request.caller(), turn.held());
            }
            if (lease != null) {
                List<ChatMessage> window = conversation.getChatMemory(turn).messages().stream()
                        .filter(m -> !(m instanceof ToolExecutionResultMessage result && turn.isHeld(result.id())))
                        .toList();
                sessions.save(lease, SessionStore.Stored.of(request.caller(), MemoryWindow.of(window), pending));
            }
            return outcome(turn, answer, pending);
        } finally {
            conversation.evictChatMemory(turn);
        }
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
            if (outcome.waitsForApproval()) {
                emit.accept(new TurnEvent.ApprovalRequired(outcome.approvals()));
            }
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

    private Outcome outcome(Turn turn, String answer, List<PendingCall> pending) {
        Usage usage = Usage.ZERO;
        StringBuilder reasoning = new StringBuilder();
        for (ChatResponse response : turn.replies()) {
            usage = usage.plus(Usage.of(response.tokenUsage()));
            AiMessage message = response.aiMessage();
            if (message.thinking() != null) {
                reasoning.append(reasoning.isEmpty() ? "" : "\n\n").append(message.thinking());
            }
        }
        return new Outcome(answer, reasoning.isEmpty() ? null : reasoning.toString(), turn.executed(), pending, usage,
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

    /** The names of every tool the agent has: a turn offers all of them unless it says otherwise. */
    public Set<String> toolNames() {
        return tools.names();
    }
}
