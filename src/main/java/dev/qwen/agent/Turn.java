package dev.qwen.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.qwen.provider.CallIntent;
import dev.qwen.provider.InvalidModelOutputException;

/**
 * One turn in flight, and the memory id LangChain4j knows it by (identity: two turns of one session are two
 * ids). It decides what LangChain4j's loop cannot, at its request-transformer seam ({@link #nextCall}): a
 * forced tool choice goes to the first model call only (or the model could never answer), only the turn's
 * tools are offered, the turn ends after {@value Agent#MAX_MODEL_CALLS} model calls, and it stops before the
 * next model call when a call of the last reply waits for a person's decision. It also keeps what happened on
 * the way (the model's replies, the tools that ran, the calls held), so that a turn that stops for a decision
 * can still answer. ({@code AssistantWireTest} and {@code TurnTest} hold these decisions.)
 *
 * <p>
 * A continuation (the turn resumed after a decision) has no new user message: LangChain4j needs one to start,
 * so it gets {@link #CONTINUE}, which {@link TurnMemory} does not keep and {@link #nextCall} does not send.
 */
final class Turn {

    /** The placeholder message of a continuation: never stored, never sent. */
    static final String CONTINUE = "\u0000continue";

    private final String sessionId;
    private final String system;
    private final CallIntent intent;
    private final AgentEvents events;
    private final List<ChatMessage> history;
    private final Set<String> tools;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<ChatResponse> replies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final List<Ran> executed = Collections.synchronizedList(new ArrayList<>());
    private final List<ToolExecutionRequest> held = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param sessionId null for a turn without memory (the order review's lookup)
     * @param history the session's window as the turn found it
     * @param tools the names of the tools this turn may offer and run
     */
    Turn(String sessionId, String system, CallIntent intent, AgentEvents events, List<ChatMessage> history,
            Set<String> tools) {
        this.sessionId = sessionId;
        this.system = system;
        this.intent = intent;
        this.events = events;
        this.history = history;
        this.tools = tools;
    }

    String sessionId() {
        return sessionId;
    }

    String system() {
        return system;
    }

    AgentEvents events() {
        return events;
    }

    List<ChatMessage> history() {
        return history;
    }

    /** The next model call of this turn, carrying its intent. */
    ChatRequest nextCall(ChatRequest request) {
        if (!held.isEmpty()) {
            throw new TurnHeld();
        }
        int call = calls.incrementAndGet();
        if (call > Agent.MAX_MODEL_CALLS) {
            throw new InvalidModelOutputException("The model kept calling tools without answering ("
                    + Agent.MAX_MODEL_CALLS + " model calls in one turn).");
        }
        List<ChatMessage> messages = request.messages();
        if (!messages.isEmpty() && messages.getLast() instanceof UserMessage user && user.hasSingleText()
                && CONTINUE.equals(user.singleText())) {
            messages = messages.subList(0, messages.size() - 1);
        }
        List<ToolSpecification> offeredTools = request.parameters().toolSpecifications() == null ? List.of()
                : request.parameters().toolSpecifications().stream().filter(spec -> tools.contains(spec.name()))
                        .toList();
        ChatRequest offered = request.toBuilder().messages(messages).parameters(ChatRequestParameters.builder()
                .overrideWith(request.parameters()).toolSpecifications(offeredTools).build()).build();
        return (call > 1 && intent.forcesCall() ? intent.withToolChoice("auto") : intent).attachTo(offered);
    }

    boolean offers(String tool) {
        return tools.contains(tool);
    }

    /** A tool that ran, at its place among every call the model asked for in this turn. */
    private record Ran(int place, ToolCall call) {
    }

    void replied(ChatResponse reply) {
        replies.add(reply);
        reply.aiMessage().toolExecutionRequests().forEach(call -> asked.add(call.id()));
    }

    List<ChatResponse> replies() {
        return List.copyOf(replies);
    }

    /** Called once a tool of the latest reply ran (its id is looked up from the end: ids may repeat across replies). */
    void ran(ToolCall call) {
        executed.add(new Ran(asked.lastIndexOf(call.id()), call));
    }

    /** The tools that ran, in the order the model asked for them (they run concurrently). */
    List<ToolCall> executed() {
        List<Ran> ran = new ArrayList<>(executed);
        ran.sort(java.util.Comparator.comparingInt(Ran::place));
        return ran.stream().map(Ran::call).toList();
    }

    /** {@code call} waits for a decision: it does not run, and the turn stops before its next model call. */
    void hold(ToolExecutionRequest call) {
        held.add(call);
    }

    boolean isHeld(String callId) {
        return held.stream().anyMatch(call -> call.id().equals(callId));
    }

    List<ToolExecutionRequest> held() {
        return List.copyOf(held);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
