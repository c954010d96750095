package dev.qwen.emulator;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The emulator as a process (or an object) of its own: a plain Vert.x HTTP server on loopback serving the
 * same routes as in dev mode, for the packaged service, which contains no emulator (benchmarks,
 * {@code SharedStateIT}).
 *
 * <pre>
 * java -cp target/emulator-classes:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/* \
 *      dev.qwen.emulator.EmulatorServer 8090
 * </pre>
 *
 * Knobs as system properties or environment ({@code QWEN_EMULATOR_LATENCY=200ms}, {@code QWEN_EMULATOR_FAULT_RATE=0.1},
 * ...); point the service at it with {@code QWEN_AIMLAPI_BASE_URL=http://127.0.0.1:8090/emulator/aimlapi/v1} or
 * {@code QWEN_TIR_BASE_URL=http://127.0.0.1:8090/emulator/tir}.
 */
public final class EmulatorServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final Emulator emulator;

    private EmulatorServer(Vertx vertx, HttpServer server, Emulator emulator) {
        this.vertx = vertx;
        this.server = server;
        this.emulator = emulator;
    }

    /** Starts on 127.0.0.1 at {@code port} (0: any free port) with the knobs of this process's environment. */
    public static EmulatorServer start(int port) {
        return start(port, StandaloneConfig.fromEnvironment());
    }

    public static EmulatorServer start(int port, EmulatorConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            Emulator emulator = new Emulator(config, new ObjectMapper(), vertx);
            Router router = Router.router(vertx);
            emulator.mount(router);
            router.route().handler(ctx -> ctx.response().setStatusCode(404).end());
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new EmulatorServer(vertx, server, emulator);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the emulator could not listen on port " + port, e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The AI/ML API base URL for the service ({@code qwen.aimlapi.base-url}). */
    public String aimlApiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/emulator/aimlapi/v1";
    }

    /** The TIR base URL for the service ({@code qwen.tir.base-url}). */
    public String tirBaseUrl() {
        return "http://127.0.0.1:" + port() + "/emulator/tir";
    }

    public long abandonedStreams() {
        return emulator.abandonedStreams();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway: nothing to keep
        }
    }

    /** {@code EmulatorServer [port]}: serves until the process is stopped. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        EmulatorServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "emulator-shutdown"));
        System.out.println("Qwen3 emulator listening on http://127.0.0.1:" + server.port()
                + " (AI/ML API: " + server.aimlApiBaseUrl() + ", TIR: " + server.tirBaseUrl() + ")");
    }
}
