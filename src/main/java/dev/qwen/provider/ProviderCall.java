package dev.qwen.provider;

import java.util.Locale;
import java.util.concurrent.CancellationException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.qwen.common.Causes;
import dev.qwen.observability.ServiceMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;

/**
 * One decided {@link UpstreamCall} on one provider: rendered in its dialect, sent plain or streamed,
 * traced and measured, a failure classified once ({@link ProviderFailure}) and logged without keys, and
 * the answer normalised: reasoning apart from content ({@link ReasoningStripper}), fences off typed output.
 */
@ApplicationScoped
class ProviderCall {

    private static final Logger LOG = Logger.getLogger(ProviderCall.class);

    private final Redactor redactor;
    private final ServiceMetrics metrics;
    private final Tracer tracer;
    private final RequestTrail trail;
    private final long timeoutMillis;
    private final Prices prices;
    private final Event<ModelCallMetered> metered;

    ProviderCall(Redactor redactor, ServiceMetrics metrics, Tracer tracer, RequestTrail trail, QwenConfig config,
            Prices prices, Event<ModelCallMetered> metered) {
        this.prices = prices;
        this.metered = metered;
        this.redactor = redactor;
        this.metrics = metrics;
        this.tracer = tracer;
        this.trail = trail;
        this.timeoutMillis = config.timeout().toMillis();
    }

    ChatResponse run(Upstream upstream, UpstreamCall call) {
        ChatRequest wire = upstream.dialect().render(call);
        String provider = upstream.id().wireName();
        long start = System.nanoTime();
        Span span = tracer.spanBuilder("qwen provider call")
                .setAttribute("qwen.provider", provider)
                .setAttribute("gen_ai.request.model", upstream.dialect().model())
                .setAttribute("qwen.streamed", call.streamed())
                .setAttribute("qwen.thinking", call.thinking())
                .startSpan();
        ChatResponse raw;
        try (Scope current = span.makeCurrent()) {
            raw = call.streamed()
                    ? upstream.streamer().run(upstream.id(), wire, call.listener(), call.cancellation(), timeoutMillis)
                    : upstream.chat().chat(wire);
        } catch (CancellationException cancelled) {
            metrics.upstreamCall(provider, "cancelled", System.nanoTime() - start);
            span.setStatus(StatusCode.ERROR, "cancelled");
            throw cancelled;
        } catch (RuntimeException e) {
            ProviderFailure failure = failure(upstream.id(), e);
            metrics.upstreamCall(provider, failure.kind().name().toLowerCase(Locale.ROOT), System.nanoTime() - start);
            span.setStatus(StatusCode.ERROR, failure.kind().name());
            throw failure;
        } finally {
            span.end();
        }
        metrics.upstreamCall(provider, "ok", System.nanoTime() - start);
        Usage usage = prices.price(upstream.id(), Usage.of(raw.tokenUsage()));
        String caller = caller();
        metrics.tokens(provider, endpoint(), caller, usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens());
        metered.fire(new ModelCallMetered(upstream.id(), endpoint(), caller, usage));
        // Plain metadata: OpenAI's would turn the metered usage back into its own type, without the cost.
        ChatResponse priced = ChatResponse.builder().aiMessage(raw.aiMessage())
                .metadata(ChatResponseMetadata.builder().id(raw.id()).modelName(raw.modelName())
                        .finishReason(raw.finishReason()).tokenUsage(new Usage.Metered(usage)).build())
                .build();
        return normalise(priced, call.json());
    }

    private ProviderFailure failure(ProviderId id, RuntimeException e) {
        ProviderFailure failure = ProviderFailure.classify(id, e);
        String said = Causes.find(e, UpstreamHttpError.class).map(UpstreamHttpError::body)
                .or(() -> Causes.find(e, HttpException.class).map(HttpException::getMessage))
                .orElse(null);
        LOG.warnf("%s call failed: %s%s", id, failure.getMessage(),
                said == null ? "" : "; provider said: " + redactor.redact(abbreviate(said)));
        return failure;
    }

    /** The calling key's name, as a metrics label and the owner of the usage. */
    private String caller() {
        return Arc.container().requestContext().isActive() ? trail.caller() : "anonymous";
    }

    /** The endpoint that asked, as a metrics label. */
    private String endpoint() {
        return Arc.container().requestContext().isActive() ? trail.endpoint() : "other";
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

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
