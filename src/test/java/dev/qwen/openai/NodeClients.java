package dev.qwen.openai;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.NodeProject;

/**
 * The npm clients of src/test/openai (the official openai SDK, an OpenAPI validator), installed once into
 * target/openai-clients with {@code npm ci} from the committed lock file, and run as real processes.
 */
public final class NodeClients {

    static final Path DIR = Path.of("target/openai-clients");
    private static NodeProject clients;

    private NodeClients() {
    }

    /** Installs the clients; skips the calling test class with a message when node or npm is missing. */
    public static synchronized void install() throws Exception {
        clients = NodeProject.install("openai", DIR.getFileName().toString(),
                List.of("client.mjs", "validate-openapi.mjs"));
    }

    /** Runs {@code node <script> args...} and parses the last stdout line as JSON. */
    public static JsonNode node(String script, String... args) throws Exception {
        return clients.json(script, args);
    }
}
