package dev.qwen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qwen.support.NodeProject;
import dev.qwen.support.NodeProject.Result;

/**
 * k8s/ is what the build generates, and every document in it and in target/kubernetes/ is valid against the
 * Kubernetes and Knative schemas, strictly (offline, with the npm packages pinned in src/test/k8s:
 * kubernetes-models, and @kubernetes-models/knative 4, whose Knative schema requires a probe's port).
 */
class ManifestsIT {

    static NodeProject validator;

    @BeforeAll
    static void installValidator() throws Exception {
        validator = NodeProject.install("k8s", "k8s-validate", List.of("validate.mjs"));
    }

    /** Same documents, same content; map order may differ between builds (labels come from a hash map). */
    @Test
    void committedManifestsAreWhatTheBuildGenerates() throws IOException {
        for (String name : List.of("kubernetes.yml", "knative.yml")) {
            assertEquals(documents(Path.of("target/kubernetes", name)), documents(Path.of("k8s", name)),
                    "k8s/" + name + " is stale: ./mvnw package -DskipTests && cp target/kubernetes/" + name + " k8s/");
        }
    }

    static List<JsonNode> documents(Path file) throws IOException {
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        try (var parser = yaml.getFactory().createParser(file.toFile())) {
            return yaml.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
        }
    }

    /** The committed copies (k8s/*.yml) and what the build wrote (target/kubernetes/*.yml and *.json). */
    @Test
    void everyManifestIsValidAgainstItsSchema() throws Exception {
        List<String> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("k8s"), Path.of("target/kubernetes"))) {
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".json")).sorted()
                        .forEach(f -> files.add(f.toAbsolutePath().toString()));
            }
        }
        Result result = validator.node("validate.mjs", files.toArray(String[]::new));
        assertEquals(0, result.exit(), result.output());
        // k8s: 6 + 1 + the secret template; target/kubernetes: 6 + 1, as YAML and as JSON.
        assertTrue(result.output().contains("22 valid, 0 invalid"), result.output());
    }

    @Test
    void theValidatorRejectsABrokenManifest() throws Exception {
        Result result = validate("broken.yml",
                Files.readString(Path.of("k8s/kubernetes.yml")).replace("replicas: 2", "replicas: two"));
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("replicas must be integer"), result.output());
    }

    /** Strict: an explicit null anywhere (quarkus-knative writes the probes' port as null) fails validation. */
    @Test
    void theValidatorRejectsANull() throws Exception {
        Result result = validate("null.yml", Files.readString(Path.of("k8s/knative.yml"))
                .replace("port: 8080\n              scheme: HTTP", "port: null\n              scheme: HTTP"));
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("null at /spec/template/spec/containers/0/livenessProbe/httpGet/port"),
                result.output());
    }

    /** Knative's schema requires httpGet.port: the manifest without it (as the build used to write it) is refused. */
    @Test
    void theValidatorRejectsAKnativeProbeWithoutAPort() throws Exception {
        String committed = Files.readString(Path.of("k8s/knative.yml"));
        String withoutPort = committed.replace("              port: 8080\n", "");
        assertNotEquals(committed, withoutPort, "the committed manifest has probe ports to take out");
        Result result = validate("no-port.yml", withoutPort);
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("livenessProbe/httpGet must have required property port")
                && result.output().contains("readinessProbe/httpGet must have required property port"), result.output());
    }

    /** Knative accepts a probe port only when it is the container's: the build writes that one, in YAML and JSON. */
    @Test
    void knativeProbesUseTheContainerPort() throws Exception {
        for (Path file : List.of(Path.of("k8s/knative.yml"), Path.of("target/kubernetes/knative.yml"),
                Path.of("target/kubernetes/knative.json"))) {
            JsonNode service = documents(file).get(0);
            service = service.isArray() ? service.get(0) : service; // the JSON manifest is a list
            JsonNode container = service.path("spec").path("template").path("spec").path("containers").get(0);
            int port = container.path("ports").get(0).path("containerPort").asInt();
            assertEquals(8080, port, file.toString());
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                assertEquals(port, container.path(probe).path("httpGet").path("port").asInt(-1), file + " " + probe);
            }
        }
    }

    private static Result validate(String name, String manifest) throws Exception {
        Path file = validator.dir().resolve(name);
        Files.writeString(file, manifest, StandardCharsets.UTF_8);
        return validator.node("validate.mjs", file.toAbsolutePath().toString());
    }

    /**
     * The pod limits agree with the service's own: Knative's hard limit is the bulkhead's limit (the calls a
     * pod runs at once), its target and the HPA's in-flight target are 70% of it, and the HPA scales on the
     * gauge the service exports.
     */
    @Test
    void autoscalingFollowsTheCallsInFlightLimit() throws Exception {
        int limit = Integer.parseInt(dev.qwen.provider.QwenConfig.Bulkhead.class.getMethod("limit")
                .getAnnotation(io.smallrye.config.WithDefault.class).value());
        var knative = documents(Path.of("k8s/knative.yml")).get(0).path("spec").path("template");
        assertEquals(limit, knative.path("spec").path("containerConcurrency").asInt());
        assertEquals(String.valueOf(limit * 7 / 10),
                knative.path("metadata").path("annotations").path("autoscaling.knative.dev/target").asText());
        var hpa = documents(Path.of("k8s/kubernetes.yml")).stream()
                .filter(d -> "HorizontalPodAutoscaler".equals(d.path("kind").asText())).findFirst().orElseThrow();
        var pods = hpa.path("spec").path("metrics").findValue("pods");
        assertEquals("qwen_calls_in_flight", pods.path("metric").path("name").asText());
        assertEquals(String.valueOf(limit * 7 / 10), pods.path("target").path("averageValue").asText());
    }
}
