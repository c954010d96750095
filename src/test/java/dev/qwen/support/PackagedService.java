package dev.qwen.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** The packaged service (prod profile) as a process of its own, for the *IT tests: started, then ready. */
public final class PackagedService {

    private PackagedService() {
    }

    /** Starts the jar on {@code port} with {@code env} added, logging to target/it-{name}-{port}.log, and waits until ready. */
    public static Process start(int port, String name, Map<String, String> env) {
        String jar = System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar).redirectErrorStream(true)
                .redirectOutput(new File("target/it-" + name + "-" + port + ".log"));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the packaged service", e);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> given().baseUri("http://127.0.0.1:" + port).get("/q/health/ready").statusCode() == 200);
        return process;
    }
}
