package dev.qwen.provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingResponseBuilder;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import dev.langchain4j.model.openai.internal.OpenAiUtils;
import dev.langchain4j.model.openai.internal.ResponseHandle;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.Delta;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;

/**
 * The one class that uses langchain4j's {@code internal} packages, and why:
 * <ul>
 * <li>Streaming: {@code OpenAiStreamingChatModel} (langchain4j 1.14) drops the {@link ResponseHandle} its
 * client returns, so a client that disconnects could not stop the upstream generation. Here the same
 * client (quarkus-langchain4j's REST client), request mapping and response aggregation are used and the
 * handle is kept. Replace with the public streaming model once its handler exposes a cancellable handle
 * ({@code StreamingHandle} is not wired into the OpenAI model yet).</li>
 * <li>{@link #schemaJson}: the JSON form of a response schema for providers without {@code json_schema}
 * support. Replace when langchain4j makes a schema serialiser public.</li>
 * </ul>
 */
final class LibraryInternals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LibraryInternals() {
    }

    static String schemaJson(JsonSchema schema) {
        try {
            Map<String, Object> map = JsonSchemaElementUtils.toMap(schema.rootElement());
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schema not serialisable", e);
        }
    }

    /** Streamed chat completions against one provider. */
    static final class Streamer {

        private final OpenAiClient client;

        Streamer(String baseUrl, String apiKey, Duration timeout) {
            this.client = OpenAiClient.builder()
                    .baseUrl(baseUrl)
                    .apiKey(apiKey)
                    .connectTimeout(timeout)
                    .readTimeout(timeout)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        }

        /**
         * Blocks (on a virtual thread) until the stream ends; reasoning and answer text reach the listener
         * as they arrive, a {@code <think>} block in content told apart by {@link ThinkStreamSplitter}.
         */
        ChatResponse run(ProviderId provider, ChatRequest wire, StreamListener listener, Cancellation cancellation,
                long timeoutMillis) {
            ChatCompletionRequest request = OpenAiUtils.toOpenAiChatRequest(wire,
                    (OpenAiChatRequestParameters) wire.parameters(), false, false)
                    .stream(true)
                    .streamOptions(StreamOptions.builder().includeUsage(true).build())
                    .build();
            OpenAiStreamingResponseBuilder aggregate = new OpenAiStreamingResponseBuilder(true);
            AtomicBoolean emitted = new AtomicBoolean();
            AtomicBoolean finished = new AtomicBoolean();
            StreamListener tracking = new StreamListener() {
                @Override
                public void onReasoning(String text) {
                    emitted.compareAndSet(false, listener.delivers(true));
                    listener.onReasoning(text);
                }

                @Override
                public void onToken(String text) {
                    emitted.compareAndSet(false, listener.delivers(false));
                    listener.onToken(text);
                }
            };
            ThinkStreamSplitter contentSplitter = new ThinkStreamSplitter(tracking);
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            ResponseHandle handle = client.chatCompletion(request)
                    .onPartialResponse((ChatCompletionResponse chunk) -> {
                        if (done.isDone()) {
                            return;
                        }
                        aggregate.append(chunk);
                        if (chunk.choices() == null || chunk.choices().isEmpty()) {
                            return;
                        }
                        ChatCompletionChoice choice = chunk.choices().get(0);
                        if (choice != null && choice.finishReason() != null) {
                            finished.set(true);
                        }
                        Delta delta = choice == null ? null : choice.delta();
                        if (delta == null) {
                            return;
                        }
                        if (delta.reasoningContent() != null && !delta.reasoningContent().isEmpty()) {
                            tracking.onReasoning(delta.reasoningContent());
                        }
                        if (delta.content() != null && !delta.content().isEmpty()) {
                            contentSplitter.feed(delta.content());
                        }
                    })
                    .onComplete(() -> {
                        if (!finished.get()) {
                            // The connection ended before the model said it was done: a cut stream, not an answer.
                            done.completeExceptionally(new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, provider,
                                    0, null, provider + " stream ended before the answer did"));
                            return;
                        }
                        contentSplitter.finish();
                        done.complete(aggregate.build());
                    })
                    .onError(done::completeExceptionally)
                    .execute();
            cancellation.onCancel(() -> {
                handle.cancel();
                done.completeExceptionally(new CancellationException("client went away"));
            });
            try {
                return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                handle.cancel();
                throw interrupted(emitted.get(), new ProviderFailure(ProviderFailure.Kind.TIMEOUT, provider, 0, null,
                        provider + " did not finish within the configured timeout"));
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException cancelled) {
                    throw cancelled;
                }
                throw interrupted(emitted.get(), ProviderFailure.classify(provider, e.getCause()));
            }
        }

        /** Once the caller saw part of the answer, a failure can be neither retried nor failed over. */
        private static ProviderFailure interrupted(boolean emitted, ProviderFailure failure) {
            return emitted ? new StreamInterrupted(failure) : failure;
        }
    }
}
