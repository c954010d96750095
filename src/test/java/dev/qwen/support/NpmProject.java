package dev.qwen.support;

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
 * An npm project of real clients kept under src/test (package.json, the committed package-lock.json and its
 * scripts), copied to target and installed with {@code npm ci}, its scripts run as real processes that print
 * what they saw as one JSON line.
 */
public record NpmProject(Path source, Path dir) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies {@code files} and runs {@code npm ci} unless {@code installed} (under node_modules) are all there. */
    public synchronized NpmProject install(List<String> files, List<String> installed) throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are needed for the real-client tests (CI installs them in .ci/run)");
        Files.createDirectories(dir);
        for (String file : files) {
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!installed.stream().allMatch(p -> Files.isDirectory(dir.resolve("node_modules").resolve(p)))) {
            Result install = run("npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
        return this;
    }

    /** Runs {@code node <script> args...} and parses the last stdout line as JSON. */
    public JsonNode node(String script, String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("node", script), Stream.of(args)).toArray(String[]::new);
        Result result = run(command);
        String[] lines = result.output().strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            throw new AssertionError("node printed no JSON: " + result.output(), e);
        }
    }

    public record Result(int exit, String output) {
    }

    public Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
