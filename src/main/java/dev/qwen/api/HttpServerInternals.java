package dev.qwen.api;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;

/**
 * The one place that reaches into Quarkus' HTTP server: Quarkus offers no hook for Vert.x'
 * {@link HttpServer#invalidRequestHandler}, the handler of requests whose head the HTTP decoder refused (a
 * request target it cannot parse, an over-long line or header block), which by default answers with an empty
 * body. The servers are the fields of Quarkus' web verticles; should a Quarkus upgrade rename them, nothing is
 * found and the default stays (the tests of the refusals then fail, which is the signal).
 */
final class HttpServerInternals {

    private static final String WEB_VERTICLE = "VertxHttpRecorder$WebDeploymentVerticle";

    private HttpServerInternals() {
    }

    /** The HTTP servers Quarkus started (one per event-loop verticle instance, plain and TLS). */
    static List<HttpServer> servers(Vertx vertx) {
        List<HttpServer> servers = new ArrayList<>();
        if (!(vertx instanceof VertxInternal internal)) {
            return servers;
        }
        for (String id : vertx.deploymentIDs()) {
            Deployment deployment = internal.getDeployment(id);
            if (deployment == null) {
                continue;
            }
            for (Verticle verticle : deployment.getVerticles()) {
                if (!verticle.getClass().getName().endsWith(WEB_VERTICLE)) {
                    continue;
                }
                for (String name : List.of("httpServer", "httpsServer")) {
                    try {
                        Field field = verticle.getClass().getDeclaredField(name);
                        field.setAccessible(true);
                        if (field.get(verticle) instanceof HttpServer server) {
                            servers.add(server);
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // not there in this Quarkus version: keep Vert.x' default handler
                    }
                }
            }
        }
        return servers;
    }
}
