package dev.qwen.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The npm clients of src/test/openai (the official openai SDK, an OpenAPI validator), installed once into
 * target/openai-clients with {@code npm ci} from the committed lock file, and run as real processes.
 */
public final class NodeClients {

    static final Path DIR = Path.of("target/openai-clients");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeClients() {
    }

    /** Installs the clients; skips the calling test class with a message when node or npm is missing. */
    public static synchronized void install() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are needed for the real-client tests (CI installs them in .ci/run)");
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs", "validate-openapi.mjs")) {
            Files.copy(Path.of("src/test/openai", file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/openai"))
                || !Files.isDirectory(DIR.resolve("node_modules/@apidevtools/swagger-parser"))) {
            Result install = run("npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
    }

    /** Runs {@code node <script> args...} and parses the last stdout line as JSON. */
    public static JsonNode node(String script, String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("node", script), Stream.of(args)).toArray(String[]::new);
        Result result = run(command);
        String[] lines = result.output().strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            throw new AssertionError("node printed no JSON: " + result.output(), e);
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
