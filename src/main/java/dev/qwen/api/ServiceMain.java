package dev.qwen.api;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point: Quarkus' own, after one switch. Quarkus' root HTTP handler answers a request
 * target that {@link java.net.URI} cannot parse (an undecodable escape, a stray {@code <}) with an empty 400
 * before any route runs; with {@code vertx.disableURIValidation} the request reaches {@link HttpRefusals},
 * which makes the same check and answers a problem. (Tests set the property in the surefire configuration.)
 */
@QuarkusMain
public class ServiceMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
