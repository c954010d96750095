package dev.qwen.agent;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.qwen.observability.ServiceMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * The tools of one object ({@code @Tool} methods, read by LangChain4j's own {@link ToolSpecifications} and
 * {@link DefaultToolExecutor}), each execution traced and counted. What the model gets back when it asks
 * wrongly is decided here too: an unknown tool, arguments that are not a JSON object or do not fit the
 * parameters, or a tool that fails all become a JSON {@code {"error": ...}} result for the model to read,
 * never a failed turn.
 */
final class ToolBox {

    private static final Logger LOG = Logger.getLogger(ToolBox.class);

    private final ObjectMapper json;
    private final ServiceMetrics metrics;
    private final Tracer tracer;
    private final Map<ToolSpecification, ToolExecutor> executors = new LinkedHashMap<>();

    ToolBox(Object tools, Class<?> type, ObjectMapper json, ServiceMetrics metrics, Tracer tracer,
            ApprovalGate approvals) {
        this.json = json;
        this.metrics = metrics;
        this.tracer = tracer;
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Tool.class)) {
                ToolExecutor invoke = DefaultToolExecutor.builder().object(tools).originalMethod(method)
                        .methodToInvoke(method).wrapToolArgumentsExceptions(true)
                        .propagateToolExecutionExceptions(true).build();
                ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
                executors.put(specification, new ToolExecutor() {
                    @Override
                    public String execute(ToolExecutionRequest request, Object memoryId) {
                        return executeWithContext(request, InvocationContext.builder().chatMemoryId(memoryId).build())
                                .resultText();
                    }

                    /**
                     * With the call's context: a tool may take its InvocationParameters (the write key, the customer).
                     * A tool the turn does not offer is unknown to it; a call that needs a decision does not run.
                     */
                    @Override
                    public ToolExecutionResult executeWithContext(ToolExecutionRequest request,
                            InvocationContext context) {
                        if (context.chatMemoryId() instanceof Turn turn) {
                            if (!turn.offers(request.name())) {
                                return ToolExecutionResult.builder().resultText(unknownTool(request).text()).build();
                            }
                            if (approvals.needsApproval(request)) {
                                turn.hold(request);
                                return ToolExecutionResult.builder().resultText(error("waits for approval")).build();
                            }
                        }
                        return traced(request, invoke, context);
                    }
                });
            }
        }
    }

    Map<ToolSpecification, ToolExecutor> executors() {
        return executors;
    }

    Set<String> names() {
        return executors.keySet().stream().map(ToolSpecification::name).collect(java.util.stream.Collectors.toSet());
    }

    private ToolExecutionResult traced(ToolExecutionRequest request, ToolExecutor tool, InvocationContext context) {
        Span span = tracer.spanBuilder("qwen tool " + request.name()).setAttribute("qwen.tool", request.name())
                .startSpan();
        boolean failed = true;
        try (Scope current = span.makeCurrent()) {
            checkArguments(request);
            ToolExecutionResult result = tool.executeWithContext(request, context);
            failed = false;
            return result;
        } finally {
            if (failed) {
                span.setStatus(StatusCode.ERROR, "tool error");
            }
            span.end();
            metrics.tool(request.name(), failed);
        }
    }

    private void checkArguments(ToolExecutionRequest request) {
        JsonNode arguments;
        try {
            arguments = json.readTree(blankAsEmpty(request.arguments()));
        } catch (Exception e) {
            throw new ToolArgumentsException("arguments are not valid JSON");
        }
        if (arguments == null || !arguments.isObject()) {
            throw new ToolArgumentsException("arguments must be a JSON object");
        }
    }

    /** LangChain4j's strategy for a tool name the model made up. */
    ToolExecutionResultMessage unknownTool(ToolExecutionRequest request) {
        metrics.tool("unknown", true);
        return ToolExecutionResultMessage.from(request,
                error("unknown tool '" + request.name() + "'; available: " + names().stream().sorted().toList()));
    }

    /** LangChain4j's handler for arguments that could not be used. */
    ToolErrorHandlerResult badArguments(Throwable error, ToolErrorContext context) {
        String message = error.getMessage() != null && error.getMessage().startsWith("arguments ")
                ? error.getMessage()
                : "the arguments do not fit the tool's parameters";
        LOG.warnf("tool %s could not run with the model's arguments", context.toolExecutionRequest().name());
        return ToolErrorHandlerResult.text(error(message));
    }

    /** LangChain4j's handler for a tool that failed. */
    ToolErrorHandlerResult failed(Throwable error, ToolErrorContext context) {
        if (dev.qwen.common.Causes.find(error, dev.qwen.common.StateUnavailableException.class).isPresent()) {
            // Not the tool's answer to give the model: the whole turn fails (503), nothing of it is kept.
            throw new dev.qwen.common.StateUnavailableException();
        }
        LOG.warnf("tool %s failed", context.toolExecutionRequest().name());
        return ToolErrorHandlerResult.text(error("the tool failed"));
    }

    /** The call's arguments as an object; {@code {}} when the model sent something unusable. */
    JsonNode arguments(ToolExecutionRequest request) {
        return ToolCall.argumentsOf(json, request.arguments());
    }

    /** A tool's result text as JSON (tools answer JSON; anything else is kept as a string). */
    JsonNode result(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null ? node : json.getNodeFactory().textNode(text);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    String error(String message) {
        return json.createObjectNode().put("error", message).toString();
    }

    private static String blankAsEmpty(String arguments) {
        return arguments == null || arguments.isBlank() ? "{}" : arguments;
    }
}
