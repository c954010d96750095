package dev.qwen.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.qwen.common.ProblemBodies;
import dev.qwen.provider.BackgroundStream;
import dev.qwen.provider.ProviderRegistry;
import dev.qwen.provider.ProviderRouter;
import dev.qwen.provider.QwenChatModel;
import dev.qwen.provider.QwenConfig;
import dev.qwen.provider.RequestTrail;
import dev.qwen.provider.StreamListener;
import dev.qwen.provider.Usage;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerResponse;

/**
 * The OpenAI-compatible endpoint: OpenAI's chat-completions request in, its response (or its
 * {@code chat.completion.chunk} stream) out, served by the same provider facade as the rest of the
 * service ({@link QwenChatModel}: dialects, Qwen3 normalisation, retries, failover, circuits, shedding,
 * metrics). The service does not run tools here: tool calls go back to the caller.
 */
@Path("/v1")
public class OpenAiResource {

    /** The model id this endpoint serves; each provider is sent its own id. */
    public static final String MODEL_ID = "qwen3-32b";
    private static final Logger LOG = Logger.getLogger(OpenAiResource.class);
    private static final long CREATED = 1_767_225_600L; // 2026-01-01, when Qwen3-32B joined this service

    private final QwenChatModel model;
    private final ProviderRouter router;
    private final RequestTrail trail;
    private final ObjectMapper json;
    private final ProblemBodies problems;
    private final Set<String> models;

    OpenAiResource(QwenChatModel model, ProviderRouter router, RequestTrail trail, ObjectMapper json,
            ProblemBodies problems, QwenConfig config) {
        this.model = model;
        this.router = router;
        this.trail = trail;
        this.json = json;
        this.problems = problems;
        // The public id, and every provider's own ids (configured and documented: see ProviderRegistry#modelIds).
        Set<String> ids = new LinkedHashSet<>(List.of(MODEL_ID));
        ids.addAll(ProviderRegistry.modelIds(config));
        this.models = Set.copyOf(ids);
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The models served",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ModelList")))
    public Map<String, Object> models() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", MODEL_ID);
        entry.put("object", "model");
        entry.put("created", CREATED);
        entry.put("owned_by", "qwen-service");
        return Map.of("object", "list", "data", List.of(entry));
    }

    /**
     * The body is read as a tree, field by field (OpenAI's SDKs send fields of their own), so the document's
     * request and response schemas are named here rather than scanned. Each answer sets its own type: JSON,
     * or text/event-stream for a stream, whichever of the two (or any) the caller accepts.
     */
    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    @RunOnVirtualThread
    @APIResponse(responseCode = "200", description = "A chat.completion, or with stream: true its chat.completion.chunk events",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChatCompletion")),
                    @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    public Response chatCompletions(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChatCompletionRequest"))) String body,
            @Context HttpServerResponse response) {
        ChatCompletionRequest request = ChatCompletionRequest.read(parse(body), models);
        Completions completions = new Completions("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().getEpochSecond(), request.model());
        if (!request.stream()) {
            ChatResponse answer = model.chat(request.toChatRequest(null, null));
            return Response.ok(completions.completion(answer), MediaType.APPLICATION_JSON).build();
        }
        return stream(request, completions, response);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new OpenAiRequestException(null, "A JSON body is required.");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new OpenAiRequestException(null, "The body is not well-formed JSON.");
        }
    }

    // ---- streaming --------------------------------------------------------------------------------------

    private sealed interface Event {
    }

    private record Delta(String field, String text) implements Event {
    }

    private record Finished(ChatResponse response) implements Event {
    }

    private record Failed(RuntimeException failure) implements Event {
    }

    /**
     * The facade runs on a virtual thread of its own ({@link BackgroundStream}, as the assistant's stream does).
     * The response starts only once the first text arrived or the call ended: a failure before that is an
     * ordinary error response with its status; after it, an {@code error} chunk. A client that hangs up, before
     * or after the first chunk, cancels the upstream call; the hang-up is not an error of this service.
     */
    private Response stream(ChatCompletionRequest request, Completions completions, HttpServerResponse response) {
        BackgroundStream<Event> events = BackgroundStream.start("openai-stream", trail, Failed::new,
                (emit, cancellation) -> emit.accept(new Finished(model.chat(request.toChatRequest(new StreamListener() {
                    @Override
                    public void onReasoning(String text) {
                        if (request.thinking()) {
                            emit.accept(new Delta("reasoning_content", text));
                        }
                    }

                    @Override
                    public void onToken(String text) {
                        emit.accept(new Delta("content", text));
                    }

                    @Override
                    public boolean delivers(boolean reasoning) {
                        return !reasoning || request.thinking();
                    }
                }, cancellation)))));
        BooleanSupplier callerGone = response::closed;
        Event first = events.first(callerGone);
        StreamingOutput output = out -> {
            try {
                write(out, completions.chunk(Map.of("role", "assistant", "content", ""), null, request.includeUsage()));
                for (Event event = first; event != null; event = events.next(callerGone)) {
                    switch (event) {
                        case Delta delta -> write(out, completions.chunk(Map.of(delta.field(), delta.text()), null,
                                request.includeUsage()));
                        case Finished finished -> finish(out, completions, request, finished.response());
                        case Failed failed -> {
                            write(out, errorChunk(failed.failure()));
                            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                }
            } catch (IOException gone) {
                // The client hung up: its upstream call is cancelled; nothing to answer, nothing to report.
                events.cancel();
                LOG.info("The caller hung up during a /v1 stream; its upstream call was cancelled");
            }
        };
        return Response.ok(output, MediaType.SERVER_SENT_EVENTS)
                .header("Cache-Control", "no-cache")
                .header("X-Provider", router.preferred().wireName())
                .build();
    }

    private void finish(OutputStream out, Completions completions, ChatCompletionRequest request, ChatResponse answer)
            throws IOException {
        if (answer.aiMessage().hasToolExecutionRequests()) {
            write(out, completions.chunk(
                    Map.of("tool_calls", Completions.toolCalls(answer.aiMessage().toolExecutionRequests(), true)), null,
                    request.includeUsage()));
        }
        write(out, completions.chunk(Map.of(), Completions.finishReason(answer), request.includeUsage()));
        if (request.includeUsage()) {
            write(out, completions.usageChunk(Usage.of(answer.tokenUsage())));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Map<String, Object> errorChunk(RuntimeException failure) {
        Map<String, Object> problem = problems.of(failure);
        int status = problem.get("status") instanceof Number n ? n.intValue() : 500;
        return OpenAiError.of(status, String.valueOf(problem.get("code")), String.valueOf(problem.get("detail")), null)
                .body();
    }

    private void write(OutputStream out, Map<String, Object> chunk) throws IOException {
        out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
