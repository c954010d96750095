package dev.qwen.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.langchain4j.exception.HttpException;
import dev.qwen.provider.ProviderFailure.Kind;

/** How a provider's failure is classified once ({@link ProviderFailure#classify}), and what each kind allows. */
class ProviderFailureTest {

    private static final Dialect AIMLAPI = new AimlApiDialect("http://aimlapi.test/v1", AimlApiDialect.MODEL, true);
    private static final Dialect TIR = new TirDialect("http://tir.test", "1234", TirDialect.MODEL, true);

    private static ProviderFailure status(Dialect dialect, int status) {
        return ProviderFailure.classify(dialect, new UpstreamHttpError(status, null, "{\"message\":\"no\"}"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 404, 422 })
    void aRefusedRequestIsNeitherRetriedNorFailedOverNorCounted(int code) {
        for (Dialect dialect : new Dialect[] { AIMLAPI, TIR }) {
            ProviderFailure failure = status(dialect, code);

            assertEquals(Kind.REFUSED, failure.kind());
            assertEquals(code, failure.upstreamStatus());
            assertEquals(dialect.id(), failure.provider());
            assertFalse(failure.retryable());
            assertFalse(failure.failover());
            assertFalse(failure.providerFault());
        }
    }

    @Test
    void aimlApis403IsCreditsExhaustedFailedOverNotRetried() {
        ProviderFailure failure = status(AIMLAPI, 403);

        assertEquals(Kind.CREDITS_EXHAUSTED, failure.kind());
        assertFalse(failure.retryable());
        assertTrue(failure.failover());
        assertTrue(failure.providerFault());
        assertTrue(failure.getMessage().contains("credits exhausted"), failure.getMessage());
    }

    @Test
    void tirs403IsAPlainRefusal() {
        ProviderFailure failure = status(TIR, 403);

        assertEquals(Kind.REFUSED, failure.kind());
        assertFalse(failure.failover());
    }

    @Test
    void a429CarriesItsRetryAfterAndIsRetriedThenFailedOver() {
        ProviderFailure failure = ProviderFailure.classify(TIR,
                new RuntimeException(new UpstreamHttpError(429, Duration.ofSeconds(7), "slow down")));

        assertEquals(Kind.RATE_LIMITED, failure.kind());
        assertEquals(Duration.ofSeconds(7), failure.retryAfter());
        assertTrue(failure.retryable());
        assertTrue(failure.failover());
    }

    @Test
    void a429WithoutRetryAfterLeavesTheWaitToTheBackoff() {
        ProviderFailure failure = ProviderFailure.classify(AIMLAPI, new HttpException(429, "rate limited"));

        assertEquals(Kind.RATE_LIMITED, failure.kind());
        assertNull(failure.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503, 504 })
    void aServerErrorIsUnavailableRetriedAndFailedOver(int code) {
        ProviderFailure failure = ProviderFailure.classify(AIMLAPI, new HttpException(code, "boom"));

        assertEquals(Kind.UNAVAILABLE, failure.kind());
        assertTrue(failure.retryable());
        assertTrue(failure.failover());
        assertTrue(failure.providerFault());
    }

    @Test
    void aRefusedConnectionIsUnavailableNotATimeout() {
        ProviderFailure refused = ProviderFailure.classify(TIR,
                new UncheckedIOException(new ConnectException("Connection refused")));
        ProviderFailure unknownHost = ProviderFailure.classify(TIR, new UnknownHostException("tir.test"));
        // A connection not made in time is a provider that cannot be reached, not a slow answer.
        ProviderFailure notMadeInTime = ProviderFailure.classify(TIR,
                new CompletionException(new ConnectException("connection timed out").initCause(new TimeoutException())));

        assertEquals(Kind.UNAVAILABLE, refused.kind());
        assertEquals(Kind.UNAVAILABLE, unknownHost.kind());
        assertEquals(Kind.UNAVAILABLE, notMadeInTime.kind());
        assertTrue(refused.retryable() && refused.failover());
    }

    @Test
    void anAnswerThatDidNotComeInTimeIsATimeout() {
        for (Throwable slow : new Throwable[] { new SocketTimeoutException("Read timed out"),
                new HttpTimeoutException("request timed out"), new TimeoutException(),
                new dev.langchain4j.exception.TimeoutException("timeout") }) {
            ProviderFailure failure = ProviderFailure.classify(AIMLAPI, new RuntimeException(slow));

            assertEquals(Kind.TIMEOUT, failure.kind(), slow.getClass().getSimpleName());
            assertTrue(failure.retryable());
            assertTrue(failure.failover());
        }
    }

    @Test
    void aClassifiedFailurePassesThroughAsItIs() {
        ProviderFailure first = status(AIMLAPI, 503);

        assertSame(first, ProviderFailure.classify(TIR, first));
    }

    @Test
    void theMessageNeverCarriesTheProvidersBody() {
        ProviderFailure failure = ProviderFailure.classify(AIMLAPI,
                new UpstreamHttpError(401, null, "{\"message\":\"bad key sk-live-0123456789\"}"));

        assertFalse(failure.getMessage().contains("sk-live"), failure.getMessage());
        assertEquals("aimlapi refused the request (HTTP 401)", failure.getMessage());
    }

    @Test
    void anInterruptedStreamCountsAgainstTheProviderButIsNeitherRetriedNorFailedOver() {
        ProviderFailure interrupted = new StreamInterrupted(status(AIMLAPI, 502));

        assertEquals(Kind.UNAVAILABLE, interrupted.kind());
        assertTrue(interrupted.providerFault());
        assertFalse(interrupted.failover());
        assertFalse(interrupted.retryable());
    }
}
