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
 * {@link ProviderCall} on the provider that can serve, and holds the model to what was asked: a forced tool
 * choice answered without the call is asked again with the choice restated, and a typed answer that does not
 * fit its schema, or fails the typed call's own check, is asked again with what was wrong ({@link #typed}).
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
        return call.format().json() ? typed(call, first) : first;
    }

    /**
     * The one repair loop of a typed call, for its schema and its own check ({@link ReplyCheck}) alike: each round
     * names what was wrong, and each kind gets one round, so a typed call makes three upstream calls at most (the
     * answer, one repair of a reply that does not fit its schema, one correction of a reply that fails the
     * check). A reply still unfit after its repair is {@link InvalidModelOutputException}; one that still fails
     * the check comes back as it is, for the caller to refuse in its own terms.
     */
    private ChatResponse typed(UpstreamCall call, ChatResponse answer) {
        UpstreamCall asked = call;
        boolean repaired = false;
        boolean corrected = false;
        while (true) {
            String text = textOf(answer);
            Optional<String> unfit = StructuredOutput.problem(text, call.format().schema());
            if (unfit.isPresent()) {
                if (repaired) {
                    LOG.warnf("unusable typed output after a repair: %s", unfit.get());
                    throw new InvalidModelOutputException(
                            "The model's output could not be parsed into the expected result: " + unfit.get());
                }
                repaired = true;
                // Show the model its reply and what was wrong with it.
                answer = summed(answer, send(asked.followedBy(AiMessage.from(text),
                        UserMessage.from("Your previous reply could not be used: " + unfit.get()
                                + ". Reply again with only the JSON object that matches the requested schema, and no other text."))));
                continue;
            }
            Optional<String> correction = corrected ? Optional.empty() : call.format().check().correction(text);
            if (correction.isEmpty()) {
                return answer;
            }
            corrected = true;
            // Asked afresh, with the note on the original request: a correction is a new reading, not a repair.
            asked = call.amendedWith(correction.get());
            answer = summed(answer, send(asked));
        }
    }

    /**
     * This model for a typed AI service whose answers must also pass {@code check}: every call it makes carries
     * the check on its {@link CallIntent}.
     */
    public ChatModel checkedBy(ReplyCheck check) {
        CallIntent intent = CallIntent.builder().checkedBy(check).build();
        ChatModel model = this;
        return new ChatModel() {
            @Override
            public Set<Capability> supportedCapabilities() {
                return model.supportedCapabilities();
            }

            @Override
            public ChatResponse chat(ChatRequest request) {
                return model.chat(intent.attachTo(request));
            }

            @Override
            public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
                return chat(request);
            }

            @Override
            public ChatResponse doChat(ChatRequest request) {
                return chat(request);
            }
        };
    }

    private ChatResponse send(UpstreamCall call) {
        return router.route(client -> calls.run(client, call));
    }

    /** The later answer, with the usage of both. */
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
