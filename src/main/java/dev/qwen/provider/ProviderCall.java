package dev.qwen.provider;

import java.util.List;
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
import dev.langchain4j.model.output.FinishReason;
import dev.qwen.common.Causes;
import dev.qwen.observability.ServiceMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;

/**
 * One decided {@link UpstreamCall} on one provider: rendered in its dialect, sent plain or streamed,
 * traced and measured, a failure classified once ({@link ProviderFailure}) and logged without keys, and
 * the reply normalised ({@link ReplyNormaliser}), whatever shape the server wrote it in.
 */
@ApplicationScoped
class ProviderCall {

    private static final Logger LOG = Logger.getLogger(ProviderCall.class);
    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            "gen_ai.response.finish_reasons");

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

    /**
     * Sends {@code call} to {@code upstream} and returns the normalised reply ({@link ReplyNormaliser}); a
     * streamed call's text reaches its listener as it arrives, through a {@link StreamNormaliser}. The span
     * follows OpenTelemetry's GenAI conventions, with the caller's key name and the cost.
     */
    ChatResponse run(ProviderClient client, UpstreamCall call) {
        ChatRequest wire = client.dialect().render(call);
        String provider = client.id().wireName();
        long start = System.nanoTime();
        Span span = tracer.spanBuilder("chat " + client.dialect().model())
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", provider)
                .setAttribute("gen_ai.request.model", client.dialect().model())
                .setAttribute("qwen.caller", caller())
                .setAttribute("qwen.streamed", call.streamed())
                .setAttribute("qwen.thinking", call.thinking().on())
                .startSpan();
        StreamNormaliser live = call.streamed()
                ? new StreamNormaliser(call.streaming().listener(), call.thinking().on(),
                        call.tools().forced() && call.enforceToolChoice())
                : null;
        ChatResponse raw;
        try (Scope current = span.makeCurrent()) {
            raw = live != null
                    ? client.streamer().run(wire, live, call.streaming().cancellation(), timeoutMillis)
                    : client.chat().chat(wire);
        } catch (CancellationException cancelled) {
            metrics.upstreamCall(provider, "cancelled", System.nanoTime() - start);
            span.setStatus(StatusCode.ERROR, "cancelled");
            span.end();
            throw cancelled;
        } catch (RuntimeException e) {
            ProviderFailure failure = failure(client.dialect(), e);
            metrics.upstreamCall(provider, failure.kind().name().toLowerCase(Locale.ROOT), System.nanoTime() - start);
            span.setStatus(StatusCode.ERROR, failure.kind().name());
            span.end();
            throw failure;
        }
        metrics.upstreamCall(provider, "ok", System.nanoTime() - start);
        Usage usage = prices.price(client.id(), Usage.of(raw.tokenUsage()));
        String caller = caller();
        metrics.tokens(provider, endpoint(), caller, usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens());
        metered.fire(new ModelCallMetered(client.id(), endpoint(), caller, usage));
        AiMessage reply = ReplyNormaliser.normalise(raw.aiMessage(), call);
        if (live != null) {
            live.finish(reply);
        }
        // Plain metadata: OpenAI's would turn the metered usage back into its own type, without the cost.
        ChatResponse answer = ChatResponse.builder().aiMessage(reply)
                .metadata(ChatResponseMetadata.builder().id(raw.id()).modelName(raw.modelName())
                        .finishReason(reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : raw.finishReason())
                        .tokenUsage(new Usage.Metered(usage)).build())
                .build();
        span.setAttribute("gen_ai.response.model", raw.modelName() == null ? client.dialect().model() : raw.modelName())
                .setAttribute("gen_ai.usage.input_tokens", usage.promptTokens())
                .setAttribute("gen_ai.usage.output_tokens", usage.completionTokens())
                .setAttribute(FINISH_REASONS, List.of(finishReason(answer.finishReason())));
        if (usage.cost() != null) {
            span.setAttribute("qwen.cost.amount", usage.cost().amount().doubleValue())
                    .setAttribute("qwen.cost.currency", usage.cost().currency());
        }
        span.end();
        return answer;
    }

    private static String finishReason(FinishReason reason) {
        return reason == null ? "stop" : switch (reason) {
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> "stop";
        };
    }

    private ProviderFailure failure(Dialect dialect, RuntimeException e) {
        ProviderFailure failure = ProviderFailure.classify(dialect, e);
        String said = Causes.find(e, UpstreamHttpError.class).map(UpstreamHttpError::body)
                .or(() -> Causes.find(e, HttpException.class).map(HttpException::getMessage))
                .orElse(null);
        LOG.warnf("%s call failed: %s%s", dialect.id(), failure.getMessage(),
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

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
