package dev.qwen.provider;

import static dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.quarkus.arc.Unremovable;

/**
 * The chat model every AI service of this service talks to, provider-neutral on the outside: it decides
 * the upstream call once ({@link UpstreamCall#resolve}), routes it ({@link ProviderRouter}) to a
 * {@link ProviderCall} on the provider that can serve, and holds the model to what was asked, with one more
 * call at most: a typed answer that does not fit its schema is shown to the model with what was wrong, and a
 * forced tool choice answered without the call is asked again with the choice restated.
 *
 * <p>
 * It declares JSON-schema support so that AI services put the typed method's schema on the request; the
 * dialect then renders {@code json_schema} or {@code json_object}. It reads the request as it was given (the
 * caller's {@link CallIntent} rides on its parameters), so it does not merge default parameters into it.
 */
@ApplicationScoped
@Unremovable // looked up by QwenModelSupplier, which ArC cannot see as an injection point
public class QwenChatModel implements ChatModel {

    private static final Logger LOG = Logger.getLogger(QwenChatModel.class);

    private final ProviderRouter router;
    private final ProviderCall calls;

    QwenChatModel(ProviderRouter router, ProviderCall calls) {
        this.router = router;
        this.calls = calls;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return doChat(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return doChat(request);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        UpstreamCall call = UpstreamCall.resolve(request);
        ChatResponse first = send(call);
        if (call.tools().forced() && call.enforceToolChoice() && !first.aiMessage().hasToolExecutionRequests()) {
            String which = call.tools().named() != null ? "the tool " + call.tools().named() : "one of the tools";
            ChatResponse second = send(call.followedBy(
                    UserMessage.from("Answer by calling " + which + " now, with arguments that fit its parameters.")));
            if (!second.aiMessage().hasToolExecutionRequests()) {
                LOG.warn("the model answered a forced tool choice without the call twice");
                throw new InvalidModelOutputException(
                        "The model answered without the tool call the request's tool choice requires.");
            }
            return summed(first, second);
        }
        if (!call.format().json()) {
            return first;
        }
        Optional<String> problem = StructuredOutput.problem(textOf(first), call.format().schema());
        if (problem.isEmpty()) {
            return first;
        }
        // One repair round: show the model its reply and what was wrong with it.
        ChatResponse second = send(call.followedBy(AiMessage.from(textOf(first)),
                UserMessage.from("Your previous reply could not be used: " + problem.get()
                        + ". Reply again with only the JSON object that matches the requested schema, and no other text.")));
        Optional<String> stillWrong = StructuredOutput.problem(textOf(second), call.format().schema());
        if (stillWrong.isPresent()) {
            LOG.warnf("unusable typed output twice: %s", stillWrong.get());
            throw new InvalidModelOutputException(
                    "The model's output could not be parsed into the expected result: " + stillWrong.get());
        }
        return summed(first, second);
    }

    private ChatResponse send(UpstreamCall call) {
        return router.route(client -> calls.run(client, call));
    }

    /** The second answer, with the usage of both calls. */
    private static ChatResponse summed(ChatResponse first, ChatResponse second) {
        TokenUsage usage = first.tokenUsage() == null ? second.tokenUsage() : first.tokenUsage().add(second.tokenUsage());
        return ChatResponse.builder().aiMessage(second.aiMessage())
                .metadata(second.metadata().toBuilder().tokenUsage(usage).build()).build();
    }

    private static String textOf(ChatResponse response) {
        String text = response.aiMessage().text();
        return text == null ? "" : text;
    }
}
