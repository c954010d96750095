package dev.qwen.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.NodeProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A TypeScript client of the committed docs/openapi.yaml: openapi-typescript generates the types, tsc checks
 * a program that calls /v1/chat/completions through openapi-fetch with an object body (and refuses one that
 * sends a JSON string), and the program runs against the service. The npm project is src/test/openapi-clients.
 */
@QuarkusTest
class GeneratedTypeScriptClientTest {

    private static NodeProject clients;

    @BeforeAll
    static void generateTypes() throws Exception {
        clients = NodeProject.install("openapi-clients", "openapi-clients",
                List.of("tsconfig.json", "tsconfig.wrong-body.json", "chat.ts", "wrong-body.ts"));
        NodeProject.Result types = clients.run("node", "node_modules/openapi-typescript/bin/cli.js",
                OpenApiDocumentTest.COMMITTED.toAbsolutePath().toString(), "-o", "schema.d.ts");
        assertEquals(0, types.exit(), types.output());
    }

    @Test
    void aTypeCheckedCallWithAnObjectBodyIsAnswered() throws Exception {
        NodeProject.Result compiled = clients.run("node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json");
        assertEquals(0, compiled.exit(), compiled.output());

        JsonNode seen = clients.json("dist/chat.js", "http://localhost:" + RestAssured.port, "Say hello");

        assertEquals(200, seen.path("status").asInt(), seen.toString());
        assertEquals("aimlapi", seen.path("provider").asText());
        assertEquals("chat.completion", seen.path("object").asText());
        assertEquals("qwen3-32b", seen.path("model").asText());
        assertTrue(seen.path("content").asText().contains("Say hello"), seen.toString());
        assertEquals("stop", seen.path("finish").asText());
        assertTrue(seen.path("totalTokens").asInt() > 0, seen.toString());
    }

    @Test
    void theTypesRefuseAJsonStringAsTheBody() throws Exception {
        NodeProject.Result checked = clients.run("node", "node_modules/typescript/bin/tsc", "-p",
                "tsconfig.wrong-body.json");

        assertNotEquals(0, checked.exit(), checked.output());
        assertTrue(checked.output().contains("wrong-body.ts(") && checked.output().contains("TS2322"), checked.output());
    }
}
