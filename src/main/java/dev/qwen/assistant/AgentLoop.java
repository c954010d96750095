package dev.qwen.assistant;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.qwen.api.ApiProblem;
import dev.qwen.orders.ToolRunner;
import dev.qwen.provider.CallPolicy;
import dev.qwen.provider.Cancellation;
import dev.qwen.provider.ProviderId;
import dev.qwen.provider.QwenChatModel;
import dev.qwen.provider.StreamListener;
import dev.qwen.provider.Usage;

/**
 * The function-calling loop shared by the assistant (plain and streamed) and the order review. Our own
 * rather than quarkus-langchain4j's, which in 1.10.0 has no per-call or named tool choice and runs tool
 * calls one by one: here the caller's tool policy applies to the first model call of the turn only
 * ({@link CallPolicy#followUp()}), the calls of one assistant message run concurrently
 * ({@link ToolRunner}), usage is summed over every call, and the loop stops after
 * {@value #MAX_MODEL_CALLS} model calls.
 */
@ApplicationScoped
public class AgentLoop {

    public static final int MAX_MODEL_CALLS = 8;

    /** What a streamed turn reports besides text: tool calls as asked, tool results as they finish (any thread). */
    public interface Events extends StreamListener {
        default void onToolCall(ToolExecutionRequest call) {
        }

        default void onToolResult(ToolRunner.Outcome result) {
        }
    }

    /** A finished turn: the answer, what was thought and done on the way, and the whole conversation. */
    public record Turn(String answer, String reasoning, List<ToolRunner.Outcome> toolCalls, Usage usage,
            ProviderId provider, String model, List<ChatMessage> conversation) {
    }

    private final QwenChatModel model;
    private final ToolRunner tools;

    AgentLoop(QwenChatModel model, ToolRunner tools) {
        this.model = model;
        this.tools = tools;
    }

    /**
     * Runs one turn. With {@code events}, every model call streams upstream and its text reaches the
     * events as it arrives; without, calls are plain (thinking calls still stream, aggregated).
     */
    public Turn run(List<ChatMessage> messages, CallPolicy policy, Events events, Cancellation cancellation) {
        List<ChatMessage> conversation = new ArrayList<>(messages);
        List<ToolRunner.Outcome> executed = new ArrayList<>();
        StringBuilder reasoning = new StringBuilder();
        Usage usage = Usage.ZERO;
        CallPolicy current = policy;
        for (int call = 1; call <= MAX_MODEL_CALLS; call++) {
            ChatRequest request = ChatRequest.builder().messages(conversation)
                    .toolSpecifications(tools.specifications()).build();
            QwenChatModel.Served served = model.serve(request, current, events, cancellation);
            usage = usage.plus(Usage.of(served.response().tokenUsage()));
            AiMessage reply = served.response().aiMessage();
            if (reply.thinking() != null) {
                reasoning.append(reasoning.isEmpty() ? "" : "\n\n").append(reply.thinking());
            }
            if (!reply.hasToolExecutionRequests()) {
                String answer = reply.text() == null ? "" : reply.text();
                conversation.add(AiMessage.from(answer));
                return new Turn(answer, reasoning.isEmpty() ? null : reasoning.toString(), executed, usage,
                        served.provider(), served.model(), conversation);
            }
            // Memory keeps what was asked and answered, not the reasoning behind it.
            conversation.add(reply.text() == null || reply.text().isBlank()
                    ? AiMessage.from(reply.toolExecutionRequests())
                    : AiMessage.from(reply.text(), reply.toolExecutionRequests()));
            if (events != null) {
                reply.toolExecutionRequests().forEach(events::onToolCall);
            }
            // Results are reported as each tool finishes; the model gets them in the order it asked.
            List<ToolRunner.Outcome> outcomes = tools.runAll(reply.toolExecutionRequests(),
                    events == null ? outcome -> {
                    } : events::onToolResult);
            for (ToolRunner.Outcome outcome : outcomes) {
                conversation.add(outcome.message());
                executed.add(outcome);
            }
            current = current.followUp();
        }
        throw new ApiProblem(502, "invalid_model_output", "Invalid model output",
                "The model kept calling tools without answering (" + MAX_MODEL_CALLS + " model calls in one turn).");
    }
}
