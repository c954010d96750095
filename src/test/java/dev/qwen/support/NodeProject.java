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
 * An npm project of src/test (package.json, its committed package-lock.json and scripts), installed into
 * target/ with {@code npm ci}, and its scripts run as real processes. Installed again when the lock file changed,
 * so a stale node_modules never checks with old packages. Nothing is fetched after the install.
 */
public final class NodeProject {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private NodeProject(Path dir) {
        this.dir = dir;
    }

    /**
     * Copies {@code files} of src/test/{@code name} to target/{@code installedAs} and installs the packages; skips
     * the calling test class with a message when node or npm is missing.
     */
    public static synchronized NodeProject install(String name, String installedAs, List<String> files)
            throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are needed for the tests that run src/test/" + name + " (CI installs them in .ci/run)");
        Path source = Path.of("src/test", name);
        Path dir = Path.of("target", installedAs);
        Files.createDirectories(dir);
        Path lock = dir.resolve("package-lock.json");
        boolean fresh = Files.isDirectory(dir.resolve("node_modules")) && Files.exists(lock)
                && Files.mismatch(lock, source.resolve("package-lock.json")) == -1;
        for (String file : Stream.concat(Stream.of("package.json", "package-lock.json"), files.stream()).toList()) {
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        NodeProject project = new NodeProject(dir);
        if (!fresh) {
            Result install = project.run("npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
        return project;
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code node <script> args...} in the project's directory. */
    public Result node(String script, String... args) throws Exception {
        return run(Stream.concat(Stream.of("node", script), Stream.of(args)).toArray(String[]::new));
    }

    /** Runs {@code node <script> args...} and reads the last line it printed as JSON (what the script saw). */
    public JsonNode json(String script, String... args) throws Exception {
        Result result = node(script, args);
        String[] lines = result.output().strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            throw new AssertionError("node printed no JSON: " + result.output(), e);
        }
    }

    /** What a process printed (stdout and stderr together) and its exit code. */
    public record Result(int exit, String output) {
    }

    /** Runs {@code command} in the project's directory. */
    public Result run(String... command) throws Exception {
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
