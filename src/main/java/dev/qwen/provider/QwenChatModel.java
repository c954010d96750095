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
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.quarkus.arc.Unremovable;

/**
 * The chat model every AI service of this service talks to, provider-neutral on the outside: it decides
 * the upstream call once ({@link UpstreamCall#resolve}), routes it ({@link ProviderRouter}) to a
 * {@link ProviderCall} on the provider that can serve, and, for typed calls, checks the answer against
 * the requested schema with one repair round.
 *
 * <p>
 * It declares JSON-schema support so that AI services put the typed method's schema on the request; the
 * dialect then renders {@code json_schema} or {@code json_object}.
 */
@ApplicationScoped
@Unremovable // looked up by QwenModelSupplier, which ArC cannot see as an injection point
public class QwenChatModel implements ChatModel {

    private static final Logger LOG = Logger.getLogger(QwenChatModel.class);

    /** OpenAI-typed, so that {@link ChatModel#chat(ChatRequest)}'s merge keeps a {@link CallIntent}. */
    private static final ChatRequestParameters DEFAULTS = OpenAiChatRequestParameters.builder().build();

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
    public ChatRequestParameters defaultRequestParameters() {
        return DEFAULTS;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        UpstreamCall call = UpstreamCall.resolve(request);
        ChatResponse first = router.route(upstream -> calls.run(upstream, call));
        if (!call.json()) {
            return first;
        }
        Optional<String> problem = StructuredOutput.problem(textOf(first), call.schema());
        if (problem.isEmpty()) {
            return first;
        }
        // One repair round: show the model its reply and what was wrong with it.
        UpstreamCall repair = call.followedBy(AiMessage.from(textOf(first)),
                UserMessage.from("Your previous reply could not be used: " + problem.get()
                        + ". Reply again with only the JSON object that matches the requested schema, and no other text."));
        ChatResponse second = router.route(upstream -> calls.run(upstream, repair));
        Optional<String> stillWrong = StructuredOutput.problem(textOf(second), call.schema());
        if (stillWrong.isPresent()) {
            LOG.warnf("unusable typed output twice: %s", stillWrong.get());
            throw new InvalidModelOutputException(
                    "The model's output could not be parsed into the expected result: " + stillWrong.get());
        }
        ChatResponseMetadata metadata = second.metadata().toBuilder()
                .tokenUsage(first.tokenUsage() == null ? second.tokenUsage() : first.tokenUsage().add(second.tokenUsage()))
                .build();
        return ChatResponse.builder().aiMessage(second.aiMessage()).metadata(metadata).build();
    }

    private static String textOf(ChatResponse response) {
        String text = response.aiMessage().text();
        return text == null ? "" : text;
    }
}
