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
 * target/openai-clients with {@code npm ci} from the committed lock file, and run as real processes; other
 * npm projects of src/test install the same way.
 */
public final class NodeClients {

    static final Path DIR = Path.of("target/openai-clients");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeClients() {
    }

    /** Installs the clients; skips the calling test class with a message when node or npm is missing. */
    public static synchronized void install() throws Exception {
        install(Path.of("src/test/openai"), DIR, List.of("client.mjs", "validate-openapi.mjs"),
                List.of("openai", "@apidevtools/swagger-parser"));
    }

    /**
     * Copies {@code package.json}, {@code package-lock.json} and {@code files} from {@code source} to
     * {@code target} and runs {@code npm ci} there unless {@code modules} are installed already; skips the
     * calling test class when node or npm is missing.
     */
    static synchronized void install(Path source, Path target, List<String> files, List<String> modules) throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are needed for the real-client tests (CI installs them in .ci/run)");
        Files.createDirectories(target);
        for (String file : Stream.concat(Stream.of("package.json", "package-lock.json"), files.stream()).toList()) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!modules.stream().allMatch(module -> Files.isDirectory(target.resolve("node_modules").resolve(module)))) {
            Result install = run(target, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
    }

    /** Runs {@code node <script> args...} and parses the last stdout line as JSON. */
    public static JsonNode node(String script, String... args) throws Exception {
        return node(DIR, script, args);
    }

    /** Runs {@code node <script> args...} in {@code dir} and parses the last stdout line as JSON. */
    static JsonNode node(Path dir, String script, String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("node", script), Stream.of(args)).toArray(String[]::new);
        Result result = run(dir, command);
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
        return run(DIR, command);
    }

    static Result run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
