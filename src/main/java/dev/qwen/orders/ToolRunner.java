package dev.qwen.orders;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.qwen.observability.ServiceMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The one tool-execution path for chat, stream and workflow. quarkus-langchain4j 1.10.0 runs the tool
 * calls of a turn one after another; here the calls of one assistant turn run concurrently on virtual
 * threads, and each is answered by one {@code tool} message matched by {@code tool_call_id}, in the
 * order the model asked. An unknown tool or unusable arguments give the model an error result, never
 * a crash. Specifications and argument binding come from langchain4j ({@link ToolSpecifications},
 * {@link DefaultToolExecutor}) reading the {@code @Tool} methods of {@link OrderTools}.
 */
@ApplicationScoped
public class ToolRunner {

    private static final Logger LOG = Logger.getLogger(ToolRunner.class);

    /** One executed call: what was asked, its arguments as JSON (null when unparseable) and the result. */
    public record Outcome(ToolExecutionRequest request, JsonNode arguments, JsonNode result, boolean failed) {

        public ToolExecutionResultMessage message() {
            return ToolExecutionResultMessage.from(request, result.toString());
        }
    }

    private final ObjectMapper json;
    private final List<ToolSpecification> specifications;
    private final Map<String, DefaultToolExecutor> executors = new HashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private final ServiceMetrics metrics;
    private final Tracer tracer;

    @jakarta.inject.Inject
    ToolRunner(OrderTools tools, ObjectMapper json, ServiceMetrics metrics, Tracer tracer) {
        this.json = json;
        this.metrics = metrics;
        this.tracer = tracer;
        this.specifications = ToolSpecifications.toolSpecificationsFrom(OrderTools.class);
        for (Method method : OrderTools.class.getDeclaredMethods()) {
            Tool tool = method.getAnnotation(Tool.class);
            if (tool != null) {
                executors.put(tool.name().isEmpty() ? method.getName() : tool.name(),
                        DefaultToolExecutor.builder().object(tools).originalMethod(method).methodToInvoke(method)
                                .wrapToolArgumentsExceptions(true).propagateToolExecutionExceptions(true).build());
            }
        }
    }

    /** Without metrics, for tests of the execution path alone. */
    ToolRunner(OrderTools tools, ObjectMapper json) {
        this(tools, json, null, OpenTelemetry.noop().getTracer("test"));
    }

    public List<ToolSpecification> specifications() {
        return specifications;
    }

    /** Runs every call concurrently and returns their outcomes in the order they were asked for. */
    public List<Outcome> runAll(List<ToolExecutionRequest> requests) {
        return runAll(requests, outcome -> {
        });
    }

    /** The same, telling {@code finished} about each outcome as soon as it is there (any thread). */
    public List<Outcome> runAll(List<ToolExecutionRequest> requests, java.util.function.Consumer<Outcome> finished) {
        if (requests.size() == 1) {
            Outcome only = run(requests.get(0));
            finished.accept(only);
            return List.of(only);
        }
        List<Future<Outcome>> futures = new ArrayList<>();
        for (ToolExecutionRequest request : requests) {
            // Tool spans stay children of the turn's span on the worker threads.
            futures.add(threads.submit(Context.current().wrap(() -> {
                Outcome outcome = run(request);
                finished.accept(outcome);
                return outcome;
            })));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                outcomes.add(futures.get(i).get());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while tools ran");
            } catch (ExecutionException e) {
                outcomes.add(error(requests.get(i), null, "the tool failed"));
            }
        }
        return outcomes;
    }

    Outcome run(ToolExecutionRequest request) {
        Span span = tracer.spanBuilder("qwen tool " + request.name()).setAttribute("qwen.tool", request.name())
                .startSpan();
        Outcome outcome;
        try (Scope current = span.makeCurrent()) {
            outcome = execute(request);
            if (outcome.failed()) {
                span.setStatus(StatusCode.ERROR, "tool error");
            }
        } finally {
            span.end();
        }
        if (metrics != null) {
            metrics.tool(executors.containsKey(request.name()) ? request.name() : "unknown", outcome.failed());
        }
        return outcome;
    }

    private Outcome execute(ToolExecutionRequest request) {
        JsonNode arguments;
        try {
            String raw = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
            arguments = json.readTree(raw);
            if (arguments == null || !arguments.isObject()) {
                return error(request, null, "arguments must be a JSON object");
            }
        } catch (Exception e) {
            return error(request, null, "arguments are not valid JSON");
        }
        DefaultToolExecutor executor = executors.get(request.name());
        if (executor == null) {
            return error(request, arguments, "unknown tool '" + request.name() + "'; available: " + executors.keySet());
        }
        try {
            String result = executor.execute(request, null);
            return new Outcome(request, arguments, json.readTree(result), false);
        } catch (Exception e) {
            LOG.warnf("tool %s could not run with the model's arguments", request.name());
            return error(request, arguments, "the arguments do not fit the tool's parameters");
        }
    }

    private Outcome error(ToolExecutionRequest request, JsonNode arguments, String message) {
        return new Outcome(request, arguments, json.createObjectNode().put("error", message), true);
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
