package dev.qwen.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A Qwen3 stand-in speaking the two providers' wire protocols: AI/ML API at
 * {@code /emulator/aimlapi/v1/chat/completions} (reasoning as {@code reasoning_content}, {@code enable_thinking}
 * defaulting to true and refused on non-streaming calls) and TIR at
 * {@code /emulator/tir/project/p-{id}/genai/{model}/v1/chat/completions?project_id={id}} (reasoning as
 * {@code <think>} in content, {@code data: [DONE]} at the end of a stream).
 *
 * <p>
 * It is plain Vert.x, not JAX-RS, because it must answer one URL with either JSON or an event stream
 * depending on the body, byte for byte as the providers do: the frames below are the providers' wire
 * format, which is the point of an emulator. Plain Vert.x also lets it run in two places with the same
 * routes: inside the service in dev mode and tests ({@link EmulatorRoutes}), and as a process of its own
 * for the packaged service, which contains no emulator ({@link EmulatorServer}).
 */
public final class Emulator {

    static final String FINGERPRINT = "qwen3-emulator";

    private final EmulatorConfig config;
    private final ObjectMapper json;
    private final EmulatedQwen model;
    private final Vertx vertx;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong abandonedStreams = new AtomicLong();
    private final java.util.Set<String> recentlyFaulted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Emulator(EmulatorConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.model = new EmulatedQwen(json);
        this.vertx = vertx;
    }

    /** Adds the emulator's routes, all under {@code /emulator}, to a router. */
    public void mount(Router router) {
        router.post("/emulator/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        router.post("/emulator/aimlapi/v1/chat/completions").handler(ctx -> guarded(ctx, Dialect.AIMLAPI));
        router.postWithRegex("/emulator/tir/project/p-([^/]+)/genai/([^/]+)/v1/chat/completions")
                .handler(ctx -> guarded(ctx, Dialect.TIR));
    }

    /** Streams whose client hung up before the end (the service cancelling its upstream call). */
    public long abandonedStreams() {
        return abandonedStreams.get();
    }

    enum Dialect {
        AIMLAPI,
        TIR
    }

    /** A bug in the emulator answers 500 like a provider would, without a stack trace in the log. */
    private void guarded(RoutingContext ctx, Dialect dialect) {
        try {
            handle(ctx, dialect);
        } catch (RuntimeException e) {
            if (!ctx.response().ended()) {
                error(ctx, 500, "Emulator failure");
            }
        }
    }

    private void handle(RoutingContext ctx, Dialect dialect) {
        HttpServerResponse response = ctx.response();
        response.putHeader("X-Emulator", FINGERPRINT);
        String auth = ctx.request().getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
            error(ctx, 401, "Missing or invalid API key");
            return;
        }
        if (dialect == Dialect.TIR) {
            String pathProject = ctx.pathParam("param0");
            String queryProject = ctx.request().getParam("project_id");
            if (queryProject == null || !queryProject.equals(pathProject)) {
                error(ctx, 400, "project_id query parameter is required and must match the path");
                return;
            }
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body().asString());
        } catch (Exception e) {
            error(ctx, 400, "Body is not valid JSON");
            return;
        }
        if (body == null || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
            error(ctx, 400, "messages must be a non-empty array");
            return;
        }
        ChatRequestView conversation = new ChatRequestView(body);
        boolean thinking = thinking(dialect, conversation);
        if (dialect == Dialect.AIMLAPI && thinking && !conversation.streaming()) {
            error(ctx, 400, "enable_thinking must be false for non-streaming calls");
            return;
        }
        if (faultNow(body.toString())) {
            error(ctx, config.faultStatus(), "Injected fault");
            return;
        }
        long delay = config.latency().toMillis();
        Runnable answer = () -> answer(ctx, dialect, conversation, thinking);
        if (delay > 0) {
            vertx.setTimer(delay, id -> answer.run());
        } else {
            answer.run();
        }
    }

    /** AI/ML API thinks unless told not to; TIR (vLLM) thinks unless the template kwarg or /no_think says no. */
    private static boolean thinking(Dialect dialect, ChatRequestView c) {
        if (dialect == Dialect.AIMLAPI) {
            return c.body().path("enable_thinking").asBoolean(true);
        }
        boolean kwarg = c.body().path("chat_template_kwargs").path("enable_thinking").asBoolean(true);
        return kwarg && !c.lastUserHasNoThink();
    }

    /**
     * Spreads faults evenly: with rate r, request n fails when floor(n*r) moves on. Faults are transient,
     * as real ones mostly are: the retry of a request that just failed (same body) goes through.
     */
    private boolean faultNow(String body) {
        double rate = config.faultRate();
        if (rate <= 0) {
            return false;
        }
        if (recentlyFaulted.remove(body)) {
            return false;
        }
        long n = requests.incrementAndGet();
        boolean fault = Math.floor(n * rate) != Math.floor((n - 1) * rate);
        if (fault) {
            if (recentlyFaulted.size() > 10_000) {
                recentlyFaulted.clear();
            }
            recentlyFaulted.add(body);
        }
        return fault;
    }

    private void answer(RoutingContext ctx, Dialect dialect, ChatRequestView c, boolean thinking) {
        Reply reply = model.reply(c, thinking);
        String modelName = c.body().path("model").asText(dialect == Dialect.AIMLAPI ? "qwen3-32b" : "qwen3_32b");
        String id = "chatcmpl-emu-" + Integer.toHexString(c.body().toString().hashCode());
        if (c.streaming()) {
            stream(ctx, dialect, c, reply, modelName, id);
        } else {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(completion(dialect, c, reply, modelName, id).toString());
        }
    }

    private ObjectNode completion(Dialect dialect, ChatRequestView c, Reply reply, String modelName, String id) {
        ObjectNode out = envelope(id, modelName, "chat.completion");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        String content = visibleContent(dialect, reply);
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (dialect == Dialect.AIMLAPI) {
            message.put("reasoning_content", reply.reasoning());
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            reply.toolCalls().forEach(call -> calls.add(toolCall(call)));
        }
        choice.put("finish_reason", reply.finishReason());
        choice.putNull("logprobs");
        out.set("usage", usage(dialect, c, reply));
        if (dialect == Dialect.TIR) {
            out.putNull("prompt_logprobs");
            out.putNull("kv_transfer_params");
        }
        return out;
    }

    /** TIR puts reasoning in content as a think block; with thinking off Qwen3 still emits an empty one. */
    private static String visibleContent(Dialect dialect, Reply reply) {
        if (dialect == Dialect.AIMLAPI) {
            return reply.content();
        }
        String think = "<think>\n" + reply.reasoning() + (reply.reasoning().isEmpty() ? "" : "\n") + "</think>\n\n";
        return think + (reply.content() == null ? "" : reply.content());
    }

    private ObjectNode toolCall(Reply.ToolCall call) {
        ObjectNode node = json.createObjectNode();
        node.put("id", call.id());
        node.put("type", "function");
        node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        return node;
    }

    private ObjectNode usage(Dialect dialect, ChatRequestView c, Reply reply) {
        int prompt = Reply.tokens(c.messages().toString());
        int reasoning = Reply.tokens(reply.reasoning());
        int answer = Reply.tokens(reply.content() == null ? "" : reply.content())
                + reply.toolCalls().stream().mapToInt(t -> Reply.tokens(t.arguments()) + 3).sum();
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", answer + reasoning);
        usage.put("total_tokens", prompt + answer + reasoning);
        if (dialect == Dialect.AIMLAPI) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        }
        return usage;
    }

    private ObjectNode envelope(String id, String modelName, String object) {
        ObjectNode out = json.createObjectNode();
        out.put("id", id);
        out.put("object", object);
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", modelName);
        out.put("system_fingerprint", FINGERPRINT);
        return out;
    }

    // ---- streaming --------------------------------------------------------------------------

    private void stream(RoutingContext ctx, Dialect dialect, ChatRequestView c, Reply reply, String modelName, String id) {
        List<String> frames = new ArrayList<>();
        frames.add(chunk(id, modelName, delta -> delta.put("role", "assistant").put("content", ""), null));
        if (dialect == Dialect.AIMLAPI) {
            for (String piece : pieces(reply.reasoning())) {
                frames.add(chunk(id, modelName, d -> d.putNull("content").put("reasoning_content", piece), null));
            }
            for (String piece : pieces(reply.content())) {
                frames.add(chunk(id, modelName, d -> d.put("content", piece), null));
            }
        } else {
            for (String piece : pieces(visibleContent(dialect, reply))) {
                frames.add(chunk(id, modelName, d -> d.put("content", piece), null));
            }
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            int index = i;
            Reply.ToolCall call = reply.toolCalls().get(i);
            frames.add(chunk(id, modelName, d -> d.putArray("tool_calls").add(toolCall(call).put("index", index)),
                    null));
        }
        frames.add(chunk(id, modelName, d -> {
        }, reply.finishReason()));
        ObjectNode usage = envelope(id, modelName, "chat.completion.chunk");
        usage.putArray("choices");
        usage.set("usage", usage(dialect, c, reply));
        frames.add(usage.toString());
        if (dialect == Dialect.TIR) {
            frames.add("[DONE]");
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true);
        response.putHeader("Content-Type", "text/event-stream");
        response.putHeader("Cache-Control", "no-cache");
        long gap = config.tokenRate() > 0 ? Math.max(1, 1000L / config.tokenRate()) : 0;
        writeFrames(response, frames, 0, gap);
    }

    private void writeFrames(HttpServerResponse response, List<String> frames, int next, long gap) {
        if (response.closed()) {
            abandonedStreams.incrementAndGet(); // the client went away: stop generating, as a provider does
            return;
        }
        if (next == frames.size()) {
            response.end();
            return;
        }
        response.write("data: " + frames.get(next) + "\n\n");
        if (gap > 0) {
            vertx.setTimer(gap, t -> writeFrames(response, frames, next + 1, gap));
        } else {
            writeFrames(response, frames, next + 1, gap);
        }
    }

    private String chunk(String id, String modelName, java.util.function.Consumer<ObjectNode> delta, String finish) {
        ObjectNode out = envelope(id, modelName, "chat.completion.chunk");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        out.putNull("usage");
        return out.toString();
    }

    /** Word-sized pieces, like a tokenizer's stream. */
    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private void error(RoutingContext ctx, int status, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("message", message);
        body.put("path", ctx.request().path());
        body.put("requestId", "emu-" + requests.get());
        body.put("statusCode", status);
        body.put("timestamp", Instant.now().toString());
        body.put("emulator", true);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
