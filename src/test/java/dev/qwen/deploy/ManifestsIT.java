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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/ is what the build generates, and every document in it is valid against the Kubernetes and
 * Knative schemas (offline, with the npm packages pinned in src/test/k8s).
 */
class ManifestsIT {

    static final Path VALIDATOR = Path.of("target/k8s-validate");

    @BeforeAll
    static void installValidator() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are needed for the schema validation (CI installs them in .ci/run)");
        Files.createDirectories(VALIDATOR);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(Path.of("src/test/k8s", file), VALIDATOR.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models"))) {
            Result install = run(VALIDATOR, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
    }

    /** Same documents, same content; map order may differ between builds (labels come from a hash map). */
    @Test
    void committedManifestsAreWhatTheBuildGenerates() throws IOException {
        for (String name : List.of("kubernetes.yml", "knative.yml")) {
            assertEquals(documents(Path.of("target/kubernetes", name)), documents(Path.of("k8s", name)),
                    "k8s/" + name + " is stale: ./mvnw package -DskipTests && cp target/kubernetes/" + name + " k8s/");
        }
    }

    static List<com.fasterxml.jackson.databind.JsonNode> documents(Path file) throws IOException {
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        try (var parser = yaml.getFactory().createParser(file.toFile())) {
            return yaml.readValues(parser, com.fasterxml.jackson.databind.JsonNode.class).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
        }
    }

    @Test
    void everyManifestIsValidAgainstItsSchema() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            files.filter(f -> f.toString().endsWith(".yml")).sorted()
                    .forEach(f -> command.add(f.toAbsolutePath().toString()));
        }
        Result result = run(VALIDATOR, command.toArray(String[]::new));
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("8 valid, 0 invalid"), result.output());
    }

    @Test
    void theValidatorRejectsABrokenManifest() throws Exception {
        Path broken = VALIDATOR.resolve("broken.yml");
        Files.writeString(broken, Files.readString(Path.of("k8s/kubernetes.yml")).replace("replicas: 2", "replicas: two"),
                StandardCharsets.UTF_8);
        Result result = run(VALIDATOR, "node", "validate.mjs", broken.toAbsolutePath().toString());
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("replicas must be integer"), result.output());
    }

    /** Strict: an explicit null anywhere (quarkus-knative used to write probe ports as null) fails validation. */
    @Test
    void theValidatorRejectsANull() throws Exception {
        Path withNull = VALIDATOR.resolve("null.yml");
        Files.writeString(withNull, Files.readString(Path.of("k8s/knative.yml"))
                .replace("path: /q/health/ready", "path: /q/health/ready\n              port: null"), StandardCharsets.UTF_8);
        Result result = run(VALIDATOR, "node", "validate.mjs", withNull.toAbsolutePath().toString());
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("null at /spec/template/spec/containers/0/readinessProbe/httpGet/port"),
                result.output());
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

    record Result(int exit, String output) {
    }

    static Result run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
