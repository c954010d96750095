package dev.qwen.provider;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingResponseBuilder;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import dev.langchain4j.model.openai.internal.ResponseHandle;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.Delta;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;
import dev.langchain4j.model.openai.internal.OpenAiUtils;

/**
 * One streamed chat completion through the extension's OpenAI client. Why not
 * {@code OpenAiStreamingChatModel}: it drops the handle its client returns, so a client that disconnects
 * could not stop the upstream generation. Here the same client, request mapping and response
 * aggregation ({@link OpenAiStreamingResponseBuilder}) are used, and the handle is kept.
 */
final class StreamingCall {

    private StreamingCall() {
    }

    /** Blocks (on a virtual thread) until the stream ends; deltas reach the listener as they arrive. */
    static ChatResponse run(Upstream upstream, ChatRequest shaped, StreamListener listener, Cancellation cancellation,
            long timeoutMillis) {
        ChatCompletionRequest request = OpenAiUtils.toOpenAiChatRequest(shaped,
                (OpenAiChatRequestParameters) shaped.parameters(), false, false)
                .stream(true)
                .streamOptions(StreamOptions.builder().includeUsage(true).build())
                .build();
        OpenAiStreamingResponseBuilder aggregate = new OpenAiStreamingResponseBuilder(true);
        AtomicBoolean emitted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        StreamListener tracking = new StreamListener() {
            @Override
            public void onReasoning(String text) {
                if (listener.delivers(true)) {
                    emitted.set(true);
                }
                listener.onReasoning(text);
            }

            @Override
            public void onToken(String text) {
                if (listener.delivers(false)) {
                    emitted.set(true);
                }
                listener.onToken(text);
            }
        };
        ThinkStreamSplitter contentSplitter = new ThinkStreamSplitter(tracking);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        OpenAiClient client = upstream.streamingClient();
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
                        done.completeExceptionally(new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE,
                                upstream.id(), 0, null, upstream.id() + " stream ended before the answer did"));
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
            throw failure(upstream, emitted.get(), new ProviderFailure(ProviderFailure.Kind.TIMEOUT, upstream.id(), 0,
                    null, upstream.id() + " did not finish within the configured timeout"));
        } catch (InterruptedException e) {
            handle.cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException cancelled) {
                throw cancelled;
            }
            throw failure(upstream, emitted.get(), ProviderFailure.classify(upstream.id(), e.getCause()));
        }
    }

    private static ProviderFailure failure(Upstream upstream, boolean emitted, ProviderFailure failure) {
        return emitted ? new StreamInterrupted(failure) : failure;
    }
}
