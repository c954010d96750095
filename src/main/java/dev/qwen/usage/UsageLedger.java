package dev.qwen.usage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import dev.qwen.observability.ServiceMetrics;
import dev.qwen.provider.ModelCallMetered;
import dev.qwen.provider.Prices;
import dev.qwen.provider.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Per-key limits and usage, counted in the state store: a request is admitted or refused before it does
 * anything ({@link #admit}); every model call that answered is added to its caller's day, and its cost
 * to the cost counter ({@link #record}). Days and minutes are UTC.
 */
@ApplicationScoped
public class UsageLedger {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class);

    /** What {@code GET /api/v1/usage} answers. */
    @RegisterForReflection
    @Schema(name = "UsageReport")
    public record Report(String key, LocalDate day, long requests, long promptTokens, long completionTokens,
            long reasoningTokens, @Schema(nullable = true, description = "null unless prices are configured") Usage.Cost cost) {
    }

    private final UsageStore store;
    private final LimitsConfig limits;
    private final Prices prices;
    private final ServiceMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    UsageLedger(UsageStore store, LimitsConfig limits, Prices prices, ServiceMetrics metrics) {
        this.store = store;
        this.limits = limits;
        this.prices = prices;
        this.metrics = metrics;
    }

    /**
     * Counts one request of {@code caller}, or refuses it when the key is over a limit. The tokens-per-day
     * limit holds back only requests that may call a model, so a key over it can still read its usage. While
     * the state store is away, counting is skipped ({@code state.OutageTolerantUsage}); a tokens-per-day limit
     * needs the day's count and fails as the store does.
     */
    public void admit(String caller, boolean mayCallModel) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long tokensToday = mayCallModel && limits.tokensPerDay().isPresent() ? store.day(caller, day).tokens() : 0;
        long thisMinute = limits.requestsPerMinute().isPresent() ? store.hit(caller, now.getEpochSecond() / 60) : 0;
        if (mayCallModel && limits.tokensPerDay().isPresent() && tokensToday >= limits.tokensPerDay().getAsLong()) {
            long untilMidnight = Duration.between(now, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                    .toSeconds() + 1;
            throw new LimitExceededException("This API key has used its " + limits.tokensPerDay().getAsLong()
                    + " tokens for today (UTC).", untilMidnight);
        }
        if (limits.requestsPerMinute().isPresent() && thisMinute > limits.requestsPerMinute().getAsInt()) {
            long minute = now.getEpochSecond() / 60;
            throw new LimitExceededException("This API key is over its " + limits.requestsPerMinute().getAsInt()
                    + " requests per minute.", Math.max(1, (minute + 1) * 60 - now.getEpochSecond()));
        }
        try {
            store.countRequest(caller, day);
        } catch (RuntimeException unreachable) {
            LOG.warnf("request of %s not counted: the state store failed (%s)", caller,
                    unreachable.getClass().getSimpleName());
        }
    }

    /** Whether {@link #admit} waits on the state store's network (then callers keep it off the event loop). */
    public boolean blocking() {
        return store.blocking();
    }

    /** Every model call that answered: its tokens and cost go to its caller's day and the cost counter. */
    void record(@Observes ModelCallMetered call) {
        Usage usage = call.usage();
        if (usage.cost() != null) {
            metrics.cost(call.provider().wireName(), call.endpoint(), call.caller(), usage.cost().currency(),
                    usage.cost().amount().doubleValue());
        }
        try {
            store.add(call.caller(), LocalDate.now(clock), usage);
        } catch (RuntimeException e) {
            // The answer is already paid for and on its way: a lost count must not turn it into an error.
            LOG.warnf("usage of %s not counted: %s", call.caller(), e.getClass().getSimpleName());
        }
    }

    public Report today(String caller) {
        LocalDate day = LocalDate.now(clock);
        DailyUsage usage = store.day(caller, day);
        Usage.Cost cost = null;
        if (prices.configured()) {
            cost = new Usage.Cost(usage.cost() == null ? BigDecimal.ZERO : usage.cost(), prices.currency());
        }
        return new Report(caller, day, usage.requests(), usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens(), cost);
    }
}
