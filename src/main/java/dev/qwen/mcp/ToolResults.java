package dev.qwen.mcp;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.api.Problem;
import dev.qwen.api.ProblemMapper;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;

/**
 * Tool results as MCP carries them. A success is the result's JSON twice: as {@code structuredContent}, for clients
 * that read data, and as text content, for clients (and models) that read text. A failure is the problem body
 * ({@code code}, {@code detail}, ...) as text only: clients validate {@code structuredContent} against the tool's
 * output schema even on an error, and a problem is not the tool's result.
 *
 * <p>
 * Fields without a value are left out rather than written as null: the output schemas the extension generates type
 * every field without null, and clients check the result against them.
 */
@Singleton
class ToolResults {

    private final ObjectMapper json;

    ToolResults(ObjectMapper json) {
        this.json = json.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    ToolResponse success(Object result) {
        JsonNode tree = json.valueToTree(result);
        return new ToolResponse(false, List.of(new TextContent(text(tree))), tree, null);
    }

    ToolResponse failure(Problem problem) {
        return new ToolResponse(true, List.of(new TextContent(text(ProblemMapper.body(problem)))), null, null);
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool result is not serialisable", e);
        }
    }
}
