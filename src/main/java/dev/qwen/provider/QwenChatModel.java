package dev.qwen.provider;

import static dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.qwen.observability.ServiceMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Unremovable;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The chat model every AI service of this service talks to. It is provider-neutral on the outside and
 * does four things inside: routes the call ({@link ProviderRouter}), shapes it for the dialect
 * ({@link RequestShaper}), separates reasoning from the answer ({@link ReasoningStripper}) and, for
 * typed calls, checks the answer against the requested schema with one repair round.
 *
 * <p>
 * It declares JSON-schema support so that quarkus-langchain4j puts the typed method's schema on the
 * request; the dialect then decides between {@code json_schema} and {@code json_object}.
 */
@ApplicationScoped
@Unremovable // looked up by QwenModelSupplier, which ArC cannot see as an injection point
public class QwenChatModel implements ChatModel {

    private static final Logger LOG = Logger.getLogger(QwenChatModel.class);

    /** A model answer and the provider that gave it. */
    public record Served(ProviderId provider, String model, ChatResponse response) {
    }

    private final ProviderRouter router;
    private final Redactor redactor;
    private final ServiceMetrics metrics;
    private final long timeoutMillis;

    private final Tracer tracer;

    QwenChatModel(ProviderRouter router, Redactor redactor, ServiceMetrics metrics, Tracer tracer, QwenConfig config) {
        this.router = router;
        this.redactor = redactor;
        this.metrics = metrics;
        this.tracer = tracer;
        this.timeoutMillis = config.timeout().toMillis();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** AI services (triage, invoices, workflow answers): thinking off, tools as the model likes. */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request, CallPolicy.NO_THINKING);
    }

    public ChatResponse chat(ChatRequest request, CallPolicy policy) {
        return serve(request, policy, null, null).response();
    }

    /**
     * One model call of an agent turn. With a listener, the call streams upstream and reasoning and
     * answer text reach the listener as they arrive; a cancelled {@link Cancellation} stops it.
     */
    public Served serve(ChatRequest request, CallPolicy policy, StreamListener listener, Cancellation cancellation) {
        return router.route(upstream -> new Served(upstream.id(), upstream.dialect().model(),
                RequestShaper.wantsJson(request)
                        ? typedCall(upstream, request, policy)
                        : call(upstream, request, policy, listener, cancellation)));
    }

    private ChatResponse typedCall(Upstream upstream, ChatRequest request, CallPolicy policy) {
        JsonSchema schema = request.parameters().responseFormat().jsonSchema();
        ChatResponse first = call(upstream, request, policy, null, null);
        Optional<String> problem = StructuredOutput.problem(textOf(first), schema);
        if (problem.isEmpty()) {
            return first;
        }
        // One repair round: show the model its reply and what was wrong with it.
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        messages.add(AiMessage.from(textOf(first)));
        messages.add(UserMessage.from("Your previous reply could not be used: " + problem.get()
                + ". Reply again with only the JSON object that matches the requested schema, and no other text."));
        ChatResponse second = call(upstream, ChatRequest.builder().messages(messages)
                .parameters(request.parameters()).build(), policy, null, null);
        Optional<String> stillWrong = StructuredOutput.problem(textOf(second), schema);
        if (stillWrong.isPresent()) {
            LOG.warnf("%s returned unusable typed output twice: %s", upstream.id(), stillWrong.get());
            throw new InvalidModelOutputException(
                    "The model's output could not be parsed into the expected result: " + stillWrong.get());
        }
        return withUsage(second, sum(first.tokenUsage(), second.tokenUsage()));
    }

    private ChatResponse call(Upstream upstream, ChatRequest request, CallPolicy policy, StreamListener listener,
            Cancellation cancellation) {
        boolean json = RequestShaper.wantsJson(request);
        // Rule 0: thinking only on request, never with a JSON format or a forced tool, and only streamed:
        // AI/ML API refuses thinking on non-streaming calls, so a thinking call streams and is aggregated.
        boolean thinking = policy.effectiveThinking() && !json;
        boolean streamed = thinking || listener != null;
        ChatRequest shaped = RequestShaper.shape(upstream.dialect(), request, policy, thinking);
        ChatResponse raw;
        long start = System.nanoTime();
        Span span = tracer.spanBuilder("qwen provider call")
                .setAttribute("qwen.provider", upstream.id().wireName())
                .setAttribute("gen_ai.request.model", upstream.dialect().model())
                .setAttribute("qwen.streamed", streamed)
                .setAttribute("qwen.thinking", thinking)
                .startSpan();
        try (Scope current = span.makeCurrent()) {
            raw = streamed
                    ? StreamingCall.run(upstream, shaped, listener == null ? StreamListener.NONE : listener,
                            cancellation == null ? new Cancellation() : cancellation, timeoutMillis)
                    : upstream.chat().chat(shaped);
        } catch (CancellationException cancelled) {
            metrics.upstreamCall(upstream.id(), "cancelled", System.nanoTime() - start);
            span.setStatus(StatusCode.ERROR, "cancelled");
            throw cancelled;
        } catch (RuntimeException e) {
            ProviderFailure failure = failure(upstream.id(), e);
            metrics.upstreamCall(upstream.id(), failure.kind().name().toLowerCase(java.util.Locale.ROOT),
                    System.nanoTime() - start);
            span.setStatus(StatusCode.ERROR, failure.kind().name());
            throw failure;
        } finally {
            span.end();
        }
        metrics.upstreamCall(upstream.id(), "ok", System.nanoTime() - start);
        metrics.tokens(upstream.id(), router.endpoint(), Usage.of(raw.tokenUsage()));
        return normalise(raw, json);
    }

    private ProviderFailure failure(ProviderId id, RuntimeException e) {
        ProviderFailure failure = ProviderFailure.classify(id, e);
        UpstreamHttpError upstream = find(e, UpstreamHttpError.class);
        HttpException http = find(e, HttpException.class);
        String said = upstream != null ? upstream.body() : http != null ? http.getMessage() : null;
        LOG.warnf("%s call failed: %s%s", id, failure.getMessage(),
                said == null ? "" : "; provider said: " + redactor.redact(abbreviate(said)));
        return failure;
    }

    static ChatResponse normalise(ChatResponse raw, boolean json) {
        AiMessage message = raw.aiMessage();
        ReasoningStripper.Split split = ReasoningStripper.split(message.text());
        String reasoning = message.thinking() != null && !message.thinking().isBlank()
                ? message.thinking()
                : split.reasoning();
        String answer = json ? ReasoningStripper.stripFences(split.answer()) : split.answer();
        AiMessage clean = AiMessage.builder()
                .text(answer.isEmpty() && message.hasToolExecutionRequests() ? null : answer)
                .thinking(reasoning.isEmpty() ? null : reasoning)
                .toolExecutionRequests(message.toolExecutionRequests())
                .build();
        return ChatResponse.builder().aiMessage(clean).metadata(raw.metadata()).build();
    }

    private static String textOf(ChatResponse response) {
        String text = response.aiMessage().text();
        return text == null ? "" : text;
    }

    private static ChatResponse withUsage(ChatResponse response, TokenUsage usage) {
        ChatResponseMetadata metadata = response.metadata().toBuilder().tokenUsage(usage).build();
        return ChatResponse.builder().aiMessage(response.aiMessage()).metadata(metadata).build();
    }

    private static TokenUsage sum(TokenUsage a, TokenUsage b) {
        return a == null ? b : a.add(b);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static <T> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
