package dev.qwen.provider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingResponseBuilder;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import dev.langchain4j.model.openai.internal.OpenAiUtils;
import dev.langchain4j.model.openai.internal.ResponseHandle;
import dev.langchain4j.model.openai.internal.chat.AssistantMessage;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.Delta;
import dev.langchain4j.model.openai.internal.chat.FunctionCall;
import dev.langchain4j.model.openai.internal.chat.ToolCall;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;
import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one class that uses langchain4j's {@code internal} packages, and why (all such places of the service, and
 * what replaces each, are listed in {@code docs/library-internals.md}):
 * <ul>
 * <li>Streaming: {@code OpenAiStreamingChatModel} (langchain4j 1.14) drops the {@link ResponseHandle} its
 * client returns, so a client that disconnects could not stop the upstream generation. Here the same
 * client (quarkus-langchain4j's REST client), request mapping and response aggregation are used and the
 * handle is kept. The public model's {@code StreamingHandle} reaches its handler only with a chunk, so a
 * provider still silent (thinking, or stuck) could not be stopped. Replace with the public streaming model once
 * it offers a handle from the start of the call.</li>
 * <li>{@link #schemaJson}: the JSON form of a response schema for providers without {@code json_schema}
 * support. Replace when langchain4j makes a schema serialiser public.</li>
 * <li>{@link #readReasoningUnderEitherName}: langchain4j reads reasoning from {@code reasoning_content} only,
 * while recent vLLM sends it as {@code reasoning} (and some versions send both). Replace when langchain4j
 * reads both names.</li>
 * </ul>
 */
final class LibraryInternals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LibraryInternals() {
    }

    /**
     * Teaches the extension's JSON mapper (the one its provider client reads every reply and every stream
     * chunk with) to read a message's or a delta's reasoning from {@code reasoning_content} or from
     * {@code reasoning}, whichever carries text: Jackson mix-ins put the readers below in place of
     * langchain4j's builders. Called before the first provider client is built, so before the mapper has
     * read anything (Jackson caches what it has read with).
     */
    static void readReasoningUnderEitherName() {
        OpenAiRestApi.ObjectMapperHolder.MAPPER
                .addMixIn(AssistantMessage.class, ReadMessageWithReasoning.class)
                .addMixIn(Delta.class, ReadDeltaWithReasoning.class);
    }

    @RegisterForReflection
    @JsonDeserialize(builder = MessageReader.class)
    private abstract static class ReadMessageWithReasoning {
    }

    @RegisterForReflection
    @JsonDeserialize(builder = DeltaReader.class)
    private abstract static class ReadDeltaWithReasoning {
    }

    private static String eitherName(String reasoningContent, String reasoning) {
        return reasoningContent != null && !reasoningContent.isEmpty() ? reasoningContent : reasoning;
    }

    /** langchain4j's message builder, with {@code reasoning} read as well. */
    @RegisterForReflection
    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    static final class MessageReader {
        private final AssistantMessage.Builder message = AssistantMessage.builder();
        private String reasoningContent;
        private String reasoning;

        public MessageReader content(String content) {
            message.content(content);
            return this;
        }

        public MessageReader reasoningContent(String text) {
            reasoningContent = text;
            return this;
        }

        public MessageReader reasoning(String text) {
            reasoning = text;
            return this;
        }

        public MessageReader name(String name) {
            message.name(name);
            return this;
        }

        public MessageReader toolCalls(List<ToolCall> toolCalls) {
            message.toolCalls(toolCalls);
            return this;
        }

        public MessageReader refusal(String refusal) {
            message.refusal(refusal);
            return this;
        }

        @SuppressWarnings("deprecation")
        public MessageReader functionCall(FunctionCall functionCall) {
            message.functionCall(functionCall);
            return this;
        }

        public AssistantMessage build() {
            return message.reasoningContent(eitherName(reasoningContent, reasoning)).build();
        }
    }

    /** langchain4j's delta builder, with {@code reasoning} read as well. */
    @RegisterForReflection
    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    static final class DeltaReader {
        private final Delta.Builder delta = Delta.builder();
        private String reasoningContent;
        private String reasoning;

        public DeltaReader role(String role) {
            delta.role(role);
            return this;
        }

        public DeltaReader content(String content) {
            delta.content(content);
            return this;
        }

        public DeltaReader reasoningContent(String text) {
            reasoningContent = text;
            return this;
        }

        public DeltaReader reasoning(String text) {
            reasoning = text;
            return this;
        }

        public DeltaReader toolCalls(List<ToolCall> toolCalls) {
            delta.toolCalls(toolCalls);
            return this;
        }

        @SuppressWarnings("deprecation")
        public DeltaReader functionCall(FunctionCall functionCall) {
            delta.functionCall(functionCall);
            return this;
        }

        public Delta build() {
            return delta.reasoningContent(eitherName(reasoningContent, reasoning)).build();
        }
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

        private final Dialect dialect;
        private final OpenAiClient client;

        Streamer(Dialect dialect, String apiKey, Duration timeout) {
            this.dialect = dialect;
            this.client = OpenAiClient.builder()
                    .baseUrl(dialect.chatBaseUrl())
                    .apiKey(apiKey)
                    .connectTimeout(timeout)
                    .readTimeout(timeout)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        }

        /**
         * Blocks (on a virtual thread) until the stream ends; reasoning and content pieces go to {@code live}
         * as they arrive, which tells the listener what is reasoning, what is answer and what is neither.
         */
        ChatResponse run(ChatRequest wire, StreamNormaliser live, Cancellation cancellation, long timeoutMillis) {
            ProviderId provider = dialect.id();
            if (cancellation.cancelled()) {
                throw new CancellationException("the caller hung up before this call started");
            }
            ChatCompletionRequest request = OpenAiUtils.toOpenAiChatRequest(wire,
                    (OpenAiChatRequestParameters) wire.parameters(), false, false)
                    .stream(true)
                    .streamOptions(StreamOptions.builder().includeUsage(true).build())
                    .build();
            OpenAiStreamingResponseBuilder aggregate = new OpenAiStreamingResponseBuilder(true);
            AtomicBoolean finished = new AtomicBoolean();
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
                            live.reasoning(delta.reasoningContent());
                        }
                        if (delta.content() != null && !delta.content().isEmpty()) {
                            live.content(delta.content());
                        }
                    })
                    .onComplete(() -> {
                        if (!finished.get()) {
                            // The connection ended before the model said it was done: a cut stream, not an answer.
                            done.completeExceptionally(new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, provider,
                                    0, null, provider + " stream ended before the answer did"));
                            return;
                        }
                        done.complete(aggregate.build());
                    })
                    .onError(done::completeExceptionally)
                    .execute();
            cancellation.onCancel(() -> {
                // First say why the call ends, then end it: the broken connection that follows is not a failure.
                done.completeExceptionally(new CancellationException("the caller hung up"));
                handle.cancel();
            });
            try {
                return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                handle.cancel();
                throw interrupted(live.delivered(), new ProviderFailure(ProviderFailure.Kind.TIMEOUT, provider, 0,
                        null, provider + " did not finish within the configured timeout"));
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException cancelled) {
                    throw cancelled;
                }
                throw interrupted(live.delivered(), ProviderFailure.classify(dialect, e.getCause()));
            }
        }

        /** Once the caller saw part of the answer, a failure can be neither retried nor failed over. */
        private static ProviderFailure interrupted(boolean emitted, ProviderFailure failure) {
            return emitted ? new StreamInterrupted(failure) : failure;
        }
    }
}
