package dev.qwen.openai;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.NpmProject;

/**
 * The npm clients of src/test/openai (the official openai SDK, an OpenAPI validator), installed once into
 * target/openai-clients with {@code npm ci} from the committed lock file, and run as real processes.
 */
public final class NodeClients {

    static final Path DIR = Path.of("target/openai-clients");
    private static final NpmProject PROJECT = new NpmProject(Path.of("src/test/openai"), DIR);

    private NodeClients() {
    }

    /** Installs the clients; skips the calling test class with a message when node or npm is missing. */
    public static void install() throws Exception {
        PROJECT.install(List.of("package.json", "package-lock.json", "client.mjs", "validate-openapi.mjs"),
                List.of("openai", "@apidevtools/swagger-parser"));
    }

    /** Runs {@code node <script> args...} and parses the last stdout line as JSON. */
    public static JsonNode node(String script, String... args) throws Exception {
        return PROJECT.node(script, args);
    }
}
