package dev.qwen.api;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qwen.support.Profiles;
import dev.qwen.support.RawHttp;
import dev.qwen.support.Upstream;
import dev.qwen.support.WireTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Generated cases, from a fixed seed so a failure replays: thousands of malformed bodies, headers, paths,
 * query strings and methods, sent byte for byte to every endpoint. Whatever arrives, the answer is never a 5xx;
 * a refusal is {@code application/problem+json} with a code and nothing internal in it; nothing malformed
 * reaches the provider; the service is healthy afterwards.
 */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class MalformedInputTest extends WireTest {

    private static final long SEED = 20261123L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERNALS = Pattern.compile(
            "(?s).*(\\bat [a-z]+\\.[a-z]|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|io\\.vertx|io\\.quarkus|org\\.jboss|dev\\.qwen|Exception|\\.java:).*");

    /** The POST endpoints with a body each accepts; the generator only ever breaks them. */
    private static final Map<String, String> VALID = new LinkedHashMap<>();
    static {
        VALID.put("/api/v1/triage", "{\"text\":\"Where is my parcel A1001?\"}");
        VALID.put("/api/v1/invoices/extract", "{\"text\":\"Invoice 7 from ACME: 2 x cable at 5.00, total 10.00\"}");
        VALID.put("/api/v1/assistant/chat", "{\"sessionId\":\"fuzz-1\",\"message\":\"Where is A1001?\","
                + "\"toolChoice\":\"auto\",\"parallelToolCalls\":true,\"thinking\":false,\"thinkingBudget\":16,"
                + "\"includeReasoning\":false}");
        VALID.put("/api/v1/assistant/chat/stream", "{\"message\":\"Where is A1001?\",\"thinking\":false}");
        VALID.put("/api/v1/workflows/order-review", "{\"orderIds\":[\"A1001\",\"A1002\"],\"question\":\"ok?\"}");
    }

    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private int sent;

    @Test
    void noGeneratedMalformedRequestGetsA5xxOrAnythingButAProblem() {
        List<String> endpoints = new ArrayList<>(VALID.keySet());
        List<Function<String, byte[]>> breakers = List.of(this::duplicateKey, this::truncated, this::invalidUtf8,
                this::deepNesting, this::numberOutOfRange, this::wrongType, this::outOfRangeField, this::notJson,
                this::notAnObject);
        for (int i = 0; i < 3000; i++) {
            String path = endpoints.get(random.nextInt(endpoints.size()));
            byte[] body = breakers.get(i % breakers.size()).apply(path);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", random.nextInt(6) == 0 ? pick(CONTENT_TYPES) : "application/json");
            if (random.nextInt(4) == 0) {
                headers.put("Accept", pick(ACCEPTS));
            }
            maybeOddHeaders(headers);
            check("POST", path, headers, body);
        }
        for (int i = 0; i < 1200; i++) {
            String method = pick(METHODS);
            String target = oddTarget();
            byte[] body = random.nextBoolean() ? null : "{\"text\":".getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            maybeOddHeaders(headers);
            check(method, target, headers, body);
        }
        for (int i = 0; i < 60; i++) {
            // Over-long request heads: a URI or a header block past the service's limits.
            String longUri = "/api/v1/providers?q=" + "a".repeat(8_200 + random.nextInt(100_000));
            check("GET", longUri, Map.of(), null);
            check("GET", "/api/v1/providers", Map.of("X-Filler", "b".repeat(33_000 + random.nextInt(200_000))), null);
        }

        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " cases failed, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertEquals(0, Upstream.requests(wire).size(), "no malformed request may reach the provider");

        // Still healthy, and still answering a well-formed call (which does reach the provider).
        given().get("/q/health/ready").then().statusCode(200);
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(Upstream.aimlapiReply(
                "{\"category\":\"SHIPPING\",\"priority\":\"HIGH\",\"sentiment\":\"NEGATIVE\",\"summary\":\"Late.\","
                        + "\"orderIds\":[\"A1001\"],\"language\":\"en\"}", "")));
        given().contentType("application/json").body(VALID.get("/api/v1/triage")).post("/api/v1/triage").then()
                .statusCode(200).body("category", is("SHIPPING"));
        String sent = Upstream.lastUserText(Upstream.body(Upstream.requests(wire).get(0)));
        assertTrue(sent.contains("Where is my parcel A1001?"), sent);
    }

    @Test
    void aKeyWrittenTwiceIsA400NamingTheKey() {
        RawHttp.Response response = RawHttp.send(RestAssured.port, "POST", "/api/v1/triage",
                Map.of("Content-Type", "application/json"), "{\"text\":\"a\",\"text\":\"b\"}".getBytes());
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("'text' appears twice"), response.body());
        assertEquals(0, Upstream.requests(wire).size());
    }

    @Test
    void anythingAfterTheBodysOneValueIsA400() {
        for (String body : List.of("{\"text\":\"a\"} x", "{\"text\":\"a\"}{\"text\":\"b\"}", "{\"text\":\"a\"} 1")) {
            RawHttp.Response response = RawHttp.send(RestAssured.port, "POST", "/api/v1/triage",
                    Map.of("Content-Type", "application/json"), body.getBytes());
            assertProblem(response, 400, "invalid_request");
        }
        // whitespace after the value is not content
        wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(Upstream.aimlapiReply(
                "{\"category\":\"OTHER\",\"priority\":\"LOW\",\"sentiment\":\"NEUTRAL\",\"summary\":\"Hi.\","
                        + "\"orderIds\":[],\"language\":\"en\"}", "")));
        given().contentType("application/json").body("{\"text\":\"hello there\"} \n\t").post("/api/v1/triage").then()
                .statusCode(200).body("category", is("OTHER"));
        assertEquals(1, Upstream.requests(wire).size(), "only the well-formed body reached the provider");
    }

    @Test
    void theServersOwnRefusalsAreProblems() {
        int port = RestAssured.port;
        assertProblem(RawHttp.send(port, "GET", "/api/v1/providers?x=" + "a".repeat(20_000), Map.of(), null),
                414, "invalid_request");
        assertProblem(RawHttp.send(port, "GET", "/api/v1/providers", Map.of("X-Big", "a".repeat(40_000)), null),
                431, "invalid_request");
        assertProblem(RawHttp.send(port, "GET", "/api/v1/providers?a=%zz&b=%", Map.of(), null), 400, "invalid_request");
        assertProblem(RawHttp.send(port, "GET", "/api/v1/%zz", Map.of(), null), 400, "invalid_request");
        assertProblem(RawHttp.send(port, "BREW", "/api/v1/triage", Map.of(), null), 405, "method_not_allowed");
        byte[] invalid = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        RawHttp.Response utf8 = RawHttp.send(port, "POST", "/api/v1/triage", Map.of("Content-Type", "application/json"),
                invalid);
        assertProblem(utf8, 400, "invalid_request");
        assertTrue(utf8.body().contains("UTF-8"), utf8.body());
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/problem+json"), response.headers().toString());
        assertTrue(response.body().contains("\"code\":\"" + code + "\""), response.body());
    }

    private void check(String method, String target, Map<String, String> headers, byte[] body) {
        sent++;
        RawHttp.Response response;
        try {
            response = RawHttp.send(RestAssured.port, method, target, headers, body);
        } catch (RuntimeException e) {
            failures.add(describe(method, target, headers, body) + " -> no answer: " + e.getMessage());
            return;
        }
        String problem = verdict(method, response);
        if (problem != null) {
            failures.add(describe(method, target, headers, body) + " -> " + response.status() + " " + problem + " "
                    + RawHttp.abbreviate(response.body()));
        }
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private static String verdict(String method, RawHttp.Response response) {
        if (response.status() >= 500) {
            return "a 5xx";
        }
        if (response.status() < 400) {
            return null; // an OPTIONS answer, or a GET of a path that exists
        }
        if ("HEAD".equals(method)) {
            return null; // no body, by definition
        }
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not problem+json (" + type + ")";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (!problem.path("code").isTextual() || problem.path("status").asInt() != response.status()
                    || !problem.path("type").isTextual() || !problem.path("title").isTextual()) {
                return "not a complete problem";
            }
        } catch (Exception e) {
            return "body is not JSON";
        }
        if (INTERNALS.matcher(response.body()).matches()) {
            return "leaks internals";
        }
        return null;
    }

    private static String describe(String method, String target, Map<String, String> headers, byte[] body) {
        return method + " " + RawHttp.abbreviate(target) + " " + RawHttp.abbreviate(headers.toString()) + " "
                + (body == null ? "-" : RawHttp.abbreviate(new String(body, StandardCharsets.ISO_8859_1)));
    }

    // ---- generators -----------------------------------------------------------------------------------

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "a/b/c", ";;",
            "application/json; charset=no-such-charset", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/json; charset=utf-16", "*/*", "application/*");
    private static final List<String> ACCEPTS = List.of("application/xml", "*/*", "///", "text/event-stream",
            "application/json;q=abc", "image/png", "application/problem+json", "text/html;level=1;q=0.5, */*;q=0.1");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD",
            "BREW", "PROPFIND", "TRACE", "CONNECTX");
    private static final List<String> PREFIXES = List.of("/api/v1/triage", "/api/v1/invoices/extract",
            "/api/v1/assistant/chat", "/api/v1/assistant/chat/stream", "/api/v1/workflows/order-review",
            "/api/v1/providers", "/api/v1/assistant/sessions", "/api/v1/usage", "/api/v1", "/q/health",
            "");

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private void maybeOddHeaders(Map<String, String> headers) {
        if (random.nextInt(5) == 0) {
            headers.put("X-Request-Id", printable(1 + random.nextInt(200)));
        }
        if (random.nextInt(6) == 0) {
            headers.put("Idempotency-Key", random.nextInt(4) == 0 ? "" : printable(1 + random.nextInt(400)));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Authorization", printable(random.nextInt(100)));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Content-Encoding", pick(List.of("gzip", "br", "x-unknown")));
        }
    }

    /** Visible ASCII: what any HTTP parser accepts in a header value or a request target. */
    private String printable(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
        }
        return out.toString().trim();
    }

    private String oddTarget() {
        StringBuilder target = new StringBuilder(pick(PREFIXES));
        int segments = random.nextInt(4);
        for (int i = 0; i < segments; i++) {
            target.append('/').append(pick(List.of("..", ".", "", "%zz", "%", "%2e%2e", "%00", "%E0%A4", "%C3%28",
                    printable(1 + random.nextInt(30)).replace("?", "").replace("#", ""), "fuzz-" + random.nextInt(99))));
        }
        if (random.nextBoolean()) {
            target.append('?').append(pick(List.of("%", "a=%zz", "a=%E0%A4", "=&&=", "a=%%%", "a[=1", "&", "a=%C3%28",
                    printable(1 + random.nextInt(40)).replace("#", ""))));
        }
        return target.isEmpty() || target.charAt(0) != '/' ? "/" + target : target.toString();
    }

    private JsonNode valid(String path) {
        try {
            return JSON.readTree(VALID.get(path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String firstKey(String path) {
        return valid(path).fieldNames().next();
    }

    private byte[] duplicateKey(String path) {
        String body = VALID.get(path);
        String key = firstKey(path);
        String extra = "\"" + key + "\":" + pick(List.of("\"again\"", "1", "null", "[]", "{}", "\"\""));
        return utf8(random.nextBoolean() ? "{" + extra + "," + body.substring(1)
                : body.substring(0, body.length() - 1) + "," + extra + "}");
    }

    private byte[] truncated(String path) {
        String body = VALID.get(path);
        return utf8(body.substring(0, 1 + random.nextInt(body.length() - 1)));
    }

    /** Bytes that can never be UTF-8: a lone continuation byte, an overlong lead, or a lead beyond U+10FFFF. */
    private byte[] invalidUtf8(String path) {
        byte[] bad = {(byte) (0x80 + random.nextInt(0x40)), (byte) 0xC0, (byte) 0xC1,
                (byte) (0xF5 + random.nextInt(0x0B))};
        String body = VALID.get(path);
        int quote = body.indexOf("\":\"") + 3;
        if (quote < 3) { // order review: the ids are in an array
            quote = body.indexOf("[\"") + 2;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(body.substring(0, quote)));
        out.write(bad[random.nextInt(bad.length)]);
        out.writeBytes(utf8("x" + body.substring(quote)));
        return out.toByteArray();
    }

    private byte[] deepNesting(String path) {
        int depth = 1_001 + random.nextInt(20_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return utf8("{\"" + firstKey(path) + "\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}");
    }

    private byte[] numberOutOfRange(String path) {
        String huge = pick(List.of("99999999999999999999999999", "1e400", "-1e400", "2147483648", "-2147483649",
                "1" + "0".repeat(2000), "0." + "0".repeat(2000) + "1", "1.5"));
        if (path.startsWith("/api/v1/assistant")) {
            return utf8("{\"message\":\"hi\",\"thinkingBudget\":" + huge + "}");
        }
        return utf8("{\"" + firstKey(path) + "\":" + huge + "}");
    }

    private byte[] wrongType(String path) {
        String value = pick(List.of("5", "true", "false", "null", "{}", "{\"a\":1}", "[1,2]", "-0.5", "\"\\u0000\""));
        String key = firstKey(path);
        if (path.startsWith("/api/v1/assistant") && random.nextBoolean()) {
            String field = pick(List.of("parallelToolCalls", "thinking", "includeReasoning", "thinkingBudget",
                    "toolChoice", "sessionId"));
            String bad = switch (field) {
                case "thinkingBudget" -> pick(List.of("\"16\"", "true", "[]", "{}", "1.5"));
                case "toolChoice", "sessionId" -> pick(List.of("5", "true", "[]", "{}"));
                default -> pick(List.of("\"true\"", "1", "0", "[]", "{}", "\"yes\""));
            };
            return utf8("{\"message\":\"hi\",\"" + field + "\":" + bad + "}");
        }
        if (path.endsWith("order-review")) {
            value = pick(List.of("\"A1001\"", "5", "true", "{}", "[1,2]", "[[\"A1001\"]]", "[{}]", "null"));
        }
        if ("\"\\u0000\"".equals(value) && !path.endsWith("order-review")) {
            value = "{}"; // a NUL inside a string is a valid string
        }
        return utf8("{\"" + key + "\":" + value + "}");
    }

    private byte[] outOfRangeField(String path) {
        return utf8(switch (path) {
            case "/api/v1/triage" -> pick(List.of("{\"text\":\"\"}", "{\"text\":\"" + "x".repeat(20_001) + "\"}", "{}"));
            case "/api/v1/invoices/extract" -> pick(List.of("{\"text\":\"\"}", "{}"));
            case "/api/v1/workflows/order-review" -> pick(List.of("{\"orderIds\":[]}", "{\"orderIds\":[\"\"]}",
                    "{\"orderIds\":[" + "\"A1001\",".repeat(20) + "\"A1002\"]}", "{\"orderIds\":[\"" + "A".repeat(65) + "\"]}",
                    "{\"question\":\"only\"}"));
            default -> pick(List.of("{\"message\":\"\"}", "{\"message\":\"" + "x".repeat(8_001) + "\"}", "{}",
                    "{\"message\":\"hi\",\"sessionId\":\"bad id!\"}", "{\"message\":\"hi\",\"sessionId\":\"\"}",
                    "{\"message\":\"hi\",\"sessionId\":\"" + "s".repeat(129) + "\"}",
                    "{\"message\":\"hi\",\"toolChoice\":\"deleteEverything\"}", "{\"message\":\"hi\",\"thinkingBudget\":0}",
                    "{\"message\":\"hi\",\"thinkingBudget\":-3}"));
        });
    }

    private byte[] notJson(String path) {
        return switch (random.nextInt(4)) {
            case 0 -> utf8(printable(1 + random.nextInt(300)).replaceFirst("^[\\[{\"0-9tfn-]", "x"));
            case 1 -> {
                byte[] noise = new byte[1 + random.nextInt(500)];
                random.nextBytes(noise);
                noise[0] = (byte) 0xFF;
                yield noise;
            }
            case 2 -> utf8("<xml>" + printable(20) + "</xml>");
            default -> new byte[0];
        };
    }

    private byte[] notAnObject(String path) {
        return utf8(pick(List.of("[]", "[" + VALID.get(path) + "]", "\"text\"", "42", "true", "null", "-1e5")));
    }
}
