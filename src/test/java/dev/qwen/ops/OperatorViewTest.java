package dev.qwen.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.qwen.support.NodeProject;
import dev.qwen.support.NodeProject.Result;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The operator's view in k8s/monitoring queries only what the service exports: the service (on the emulator,
 * with keys, prices and a fallback provider) serves a triage, an assistant turn, a /v1 chat and a 4xx on each API, then its
 * /q/metrics scrape is the reference against which src/test/ops/check.mjs checks, offline, every PromQL
 * expression of the Grafana dashboard and of the Prometheus rules (and the rules file's structure).
 */
@QuarkusTest
@TestProfile(OperatorViewTest.PricedWithFallback.class)
class OperatorViewTest {

    static final String OPS_KEY = "sk-ops-4d2a91";
    static final Path RULES = Path.of("k8s/monitoring/prometheus-rules.yml");
    static final Path DASHBOARD = Path.of("k8s/monitoring/grafana-dashboard.json");
    /** Expressions in the two files: 8 rules, 19 panel queries. */
    static final int EXPRESSIONS = 27;

    /**
     * Keys and prices, so the per-key and cost series exist; every second emulated call fails once (no retries),
     * so the fallback serves it: failovers and failed provider calls are in the scrape too.
     */
    public static class PricedWithFallback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.api-keys", "ops:" + OPS_KEY,
                    "qwen.aimlapi.price.input-per-million", "1.0",
                    "qwen.aimlapi.price.output-per-million", "4.0",
                    "qwen.tir.price.input-per-million", "0.5",
                    "qwen.tir.price.output-per-million", "2.0",
                    "qwen.fallback-provider", "tir",
                    "qwen.emulator.fault-rate", "0.5",
                    "qwen.max-retries", "0",
                    "qwen.circuit-breaker.request-volume", "1000");
        }
    }

    static NodeProject checker;
    private static String scrape;

    @BeforeAll
    static void installChecker() throws Exception {
        checker = NodeProject.install("ops", "ops-check", List.of("check.mjs"));
    }

    /** Every kind of call once, then the scrape (once for the class: the checks below all read it). */
    private static synchronized String scrape() {
        if (scrape == null) {
            post("/api/v1/triage", "{\"text\":\"Where is A1001?\"}").then().statusCode(200);
            post("/api/v1/assistant/chat", "{\"message\":\"Where is A1001?\"}").then().statusCode(200);
            post("/api/v1/triage", "{\"text\":5}").then().statusCode(400);
            post("/v1/chat/completions",
                    "{\"model\":\"qwen3-32b\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}")
                    .then().statusCode(200);
            post("/v1/chat/completions", "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .then().statusCode(404);
            scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        }
        return scrape;
    }

    private static io.restassured.response.Response post(String path, String body) {
        return given().auth().oauth2(OPS_KEY).contentType("application/json").body(body).post(path);
    }

    @Test
    void theDashboardAndTheRulesQueryOnlySeriesTheServiceExports() throws Exception {
        String metrics = scrape();
        // The series the view leans on, with the labels it groups by.
        for (String series : List.of("qwen_tokens_total{endpoint=\"/api/v1/triage\",key=\"ops\"",
                "qwen_cost_total{currency=\"USD\",endpoint=\"/v1/chat/completions\",key=\"ops\"",
                "qwen_problems_total{code=\"invalid_request\",status=\"400\"}",
                "qwen_problems_total{code=\"model_not_found\",status=\"404\"}", "qwen_failovers_total{from=\"aimlapi\",to=\"tir\"}",
                "qwen_state_store_failures_total 0.0", "qwen_bulkhead_limit 1000.0", "qwen_calls_in_flight 0.0",
                "qwen_circuit_state{provider=\"tir\"}", "qwen_upstream_latency_seconds_bucket{outcome=\"unavailable\"")) {
            assertTrue(metrics.contains(series), series + " is not in the scrape:\n" + metrics);
        }
        assertFalse(metrics.contains(OPS_KEY), "a key reached /q/metrics");

        Result result = check(RULES, DASHBOARD);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains(EXPRESSIONS + " expressions valid, 0 problems"), result.output());
    }

    @Test
    void aSeriesTheServiceDoesNotExportIsRefused() throws Exception {
        Result result = check(RULES, changed(DASHBOARD, "rate(qwen_cost_total[", "rate(qwen_cost["));
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("qwen_cost is not exported by the service (it is a counter: query qwen_cost_total)"),
                result.output());
    }

    @Test
    void aLabelTheSeriesDoesNotHaveIsRefused() throws Exception {
        Result result = check(changed(RULES, "max by (provider) (qwen_circuit_state)", "max by (upstream) (qwen_circuit_state)"),
                DASHBOARD);
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("QwenCircuitOpen): max by (upstream): no such label"), result.output());
        // The alert prints $labels.provider, which the changed expression no longer keeps.
        assertTrue(result.output().contains("prints label \"provider\""), result.output());
    }

    @Test
    void aRateOverAGaugeIsRefused() throws Exception {
        Result result = check(changed(RULES, "expr: qwen_calls_in_flight / qwen_bulkhead_limit",
                "expr: rate(qwen_calls_in_flight[5m]) / qwen_bulkhead_limit"), DASHBOARD);
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("rate() of qwen_calls_in_flight, a gauge"), result.output());
    }

    /** What Prometheus would refuse to load: PromQL that does not parse, a `for` that is not a duration, no expr. */
    @Test
    void aRulesFilePrometheusWouldNotLoadIsRefused() throws Exception {
        Result result = check(changed(RULES, "(qwen_circuit_state) == 2", "(qwen_circuit_state) == ", "for: 10m",
                "for: 10 minutes", "expr: sum(increase(qwen_state_store_failures_total[5m])) > 0", "exp: broken"),
                DASHBOARD);
        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("(QwenCircuitOpen): PromQL does not parse"), result.output());
        assertTrue(result.output().contains("(QwenErrorRatioHigh): for \"10 minutes\" is not a duration"), result.output());
        assertTrue(result.output().contains("(QwenStateStoreFailing): a rule needs an expr"), result.output());
    }

    private Result check(Path rules, Path dashboard) throws Exception {
        Path metrics = checker.dir().resolve("scrape.txt");
        Files.writeString(metrics, scrape(), StandardCharsets.UTF_8);
        return checker.node("check.mjs", metrics.toAbsolutePath().toString(), rules.toAbsolutePath().toString(),
                dashboard.toAbsolutePath().toString());
    }

    /** A copy of {@code file} in the checker's directory with the first occurrence of each {@code from} replaced. */
    private static Path changed(Path file, String... fromTo) throws Exception {
        String text = Files.readString(file);
        for (int i = 0; i < fromTo.length; i += 2) {
            int at = text.indexOf(fromTo[i]);
            assertTrue(at >= 0, file + " no longer contains " + fromTo[i]);
            text = text.substring(0, at) + fromTo[i + 1] + text.substring(at + fromTo[i].length());
        }
        Path copy = checker.dir().resolve("changed-" + file.getFileName());
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        return copy;
    }
}
