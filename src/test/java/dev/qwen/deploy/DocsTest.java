package dev.qwen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.smallrye.config.WithDefault;

/**
 * Keeps the README and docs/ honest against the code, offline (no service is started): the README's curl
 * examples call operations the OpenAPI document has; the error table of docs/contract.md and the codes the
 * code builds are the same set; the README's configuration table names keys the code reads, with their
 * environment variables and defaults, and every key the service maps; the README's request path names every
 * step of {@code api.RequestOrder}; links into docs/ resolve; no page points outside the repository.
 */
class DocsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path README = ROOT.resolve("README.md");
    private static final Path CONTRACT = ROOT.resolve("docs/contract.md");
    private static final List<Path> SOURCE_ROOTS = List.of(ROOT.resolve("src/main/java"), ROOT.resolve("src/emulator/java"));

    // ---- README curl examples against the OpenAPI document ----------------------------------------------

    @Test
    void everyApiCallInTheReadmeIsAnOperationOfTheOpenApiDocument() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docs/openapi.yaml").toFile())
                .path("paths");
        List<String> calls = curlCalls(read(README));
        assertTrue(calls.size() >= 15, "the README's examples were not found: " + calls);
        List<String> missing = new ArrayList<>();
        for (String call : calls) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1);
            if (!path.startsWith("/api/") && !path.startsWith("/v1/")) {
                continue;
            }
            boolean found = false;
            for (Map.Entry<String, JsonNode> entry : paths.properties()) {
                if (matches(entry.getKey(), path) && entry.getValue().has(method.toLowerCase(java.util.Locale.ROOT))) {
                    found = true;
                }
            }
            if (!found) {
                missing.add(call);
            }
        }
        assertEquals(List.of(), missing, "README examples that call no operation of docs/openapi.yaml");
    }

    /** "METHOD /path" of every curl command in the README's bash blocks (continued lines joined). */
    static List<String> curlCalls(String markdown) {
        List<String> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        boolean inBash = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.startsWith("```bash");
                continue;
            }
            if (!inBash || (command.isEmpty() && line.strip().startsWith("#"))) {
                continue;
            }
            command.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
            boolean openQuote = command.chars().filter(c -> c == '\'').count() % 2 == 1;
            if (!line.endsWith("\\") && !openQuote) {
                commands.add(command.toString());
                command.setLength(0);
            }
        }
        Pattern url = Pattern.compile("localhost:8080(/[^\\s'\"?)]*)");
        Pattern explicit = Pattern.compile("-X\\s+([A-Z]+)");
        List<String> calls = new ArrayList<>();
        for (String c : commands) {
            int curl = c.indexOf("curl ");
            if (curl < 0) {
                continue;
            }
            String text = c.substring(curl);
            Matcher u = url.matcher(text);
            if (!u.find()) {
                continue;
            }
            Matcher x = explicit.matcher(text);
            String method = x.find() ? x.group(1) : text.contains(" -d ") || text.contains("--data") ? "POST" : "GET";
            calls.add(method + " " + u.group(1));
        }
        return calls;
    }

    /** A documented path template against a concrete path: {@code {x}} takes any segment, {@code $VAR} only such one. */
    static boolean matches(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            boolean variable = t[i].startsWith("{") && t[i].endsWith("}");
            if (variable ? p[i].isEmpty() : !t[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    // ---- the error table and the codes the code builds --------------------------------------------------

    @Test
    void theContractsErrorTableAndTheCodesTheCodeBuildsAreTheSame() {
        Map<String, Set<String>> table = errorTable(read(CONTRACT));
        assertFalse(table.isEmpty(), "docs/contract.md has no error table under '## Errors'");
        String sources = mainSources();

        List<String> unknown = table.keySet().stream().filter(code -> !sources.contains("\"" + code + "\"")).toList();
        assertEquals(List.of(), unknown, "codes in docs/contract.md that no main source builds");

        Map<String, Set<String>> built = builtProblems(sources);
        List<String> undocumented = built.keySet().stream().filter(code -> !table.containsKey(code)).toList();
        assertEquals(List.of(), undocumented, "codes the code builds that docs/contract.md's error table lacks");

        List<String> wrongStatus = new ArrayList<>();
        built.forEach((code, statuses) -> statuses.stream().filter(s -> !table.get(code).contains(s))
                .forEach(s -> wrongStatus.add(s + " " + code)));
        assertEquals(List.of(), wrongStatus, "status and code pairs the code builds that the table does not list");
    }

    /** Code → statuses, from the first table after "## Errors" whose header has a "code" column. */
    static Map<String, Set<String>> errorTable(String markdown) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        int section = markdown.indexOf("\n## Errors");
        if (section < 0) {
            return table;
        }
        List<String[]> rows = firstTable(markdown.substring(section), "code");
        for (String[] row : rows) {
            Set<String> statuses = new TreeSet<>(firstGroups("\\b(\\d{3})\\b", row[0]));
            for (String code : backticked(row[1])) {
                table.computeIfAbsent(code, c -> new TreeSet<>()).addAll(statuses);
            }
        }
        return table;
    }

    /** Code → the literal statuses it is built with ({@code new Problem(409, "session_busy", ...)}). */
    static Map<String, Set<String>> builtProblems(String sources) {
        Map<String, Set<String>> built = new LinkedHashMap<>();
        Matcher problem = Pattern.compile("new Problem\\(\\s*([A-Za-z0-9_.]+)\\s*,\\s*\"([a-z_]+)\"").matcher(sources);
        while (problem.find()) {
            Set<String> statuses = built.computeIfAbsent(problem.group(2), c -> new TreeSet<>());
            if (problem.group(1).matches("\\d{3}")) {
                statuses.add(problem.group(1));
            }
        }
        return built;
    }

    // ---- the configuration table --------------------------------------------------------------------------

    @Test
    void theReadmesConfigurationTableIsTheConfigurationTheCodeReads() {
        String readme = read(README);
        int section = readme.indexOf("\n## Configuration");
        assertTrue(section >= 0, "README has no '## Configuration' section");
        List<String[]> rows = firstTable(readme.substring(section), "environment variable");
        Map<String, String[]> documented = new LinkedHashMap<>();
        for (String[] row : rows) {
            for (String key : backticked(row[0])) {
                documented.put(key, row);
            }
        }
        assertFalse(documented.isEmpty(), "README's configuration table was not found");

        Map<String, String> mapped = mappedKeys();
        Set<String> known = new LinkedHashSet<>(mapped.keySet());
        known.addAll(configProperties(mainSources()));
        known.addAll(applicationProperties());

        List<String> problems = new ArrayList<>();
        documented.forEach((key, row) -> {
            if (!known.contains(key) && !key.startsWith("quarkus.")) {
                problems.add(key + ": read nowhere (no @ConfigMapping, @ConfigProperty or application.properties key)");
            }
            String env = key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            if (!backticked(row[1]).contains(env)) {
                problems.add(key + ": its environment variable " + env + " is not in its row");
            }
            String fallback = mapped.get(key);
            if (fallback != null && !backticked(row[2]).contains(fallback)) {
                problems.add(key + ": the code's default `" + fallback + "` is not in its row");
            }
        });
        mapped.keySet().stream().filter(key -> !documented.containsKey(key))
                .forEach(key -> problems.add(key + ": mapped by the code but missing from the README's table"));
        assertEquals(List.of(), problems);
    }

    /** Every key of every {@code @ConfigMapping} interface in the sources, with its {@code @WithDefault} or null. */
    static Map<String, String> mappedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        Pattern mapping = Pattern.compile("(?s)^package ([\\w.]+);.*@ConfigMapping\\(prefix = \"([^\"]+)\"\\)\\s*public interface (\\w+)");
        for (Path file : sourceFiles()) {
            Matcher m = mapping.matcher(read(file));
            if (!m.find()) {
                continue;
            }
            try {
                collect(Class.forName(m.group(1) + "." + m.group(3)), m.group(2), keys);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("a @ConfigMapping interface is not on the test classpath: " + m.group(3), e);
            }
        }
        return keys;
    }

    private static void collect(Class<?> mapping, String prefix, Map<String, String> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith(mapping.getName().split("\\$")[0] + "$")) {
                collect(type, key, keys); // a group of keys: QwenConfig.AimlApi, QwenConfig.Price, ...
            } else {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                keys.put(key, fallback == null ? null : fallback.value());
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> configProperties(String sources) {
        return new LinkedHashSet<>(firstGroups("@ConfigProperty\\(name = \"([^\"]+)\"", sources));
    }

    private static Set<String> applicationProperties() {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : read(ROOT.resolve("src/main/resources/application.properties")).split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                keys.add(l.substring(0, l.indexOf('=')).strip().replaceFirst("^%[\\w-]+\\.", ""));
            }
        }
        return keys;
    }

    // ---- the request path, links and pointers -------------------------------------------------------------

    @Test
    void theReadmesRequestPathNamesEveryStepOfRequestOrder() {
        String order = read(ROOT.resolve("src/main/java/dev/qwen/api/RequestOrder.java"));
        Matcher step = Pattern.compile("static final int (\\w+)").matcher(order);
        String readme = read(README);
        List<String> missing = new ArrayList<>();
        int steps = 0;
        while (step.find()) {
            steps++;
            if (!readme.contains("`" + step.group(1) + "`")) {
                missing.add(step.group(1));
            }
        }
        assertTrue(steps >= 8, "RequestOrder's steps were not found");
        assertEquals(List.of(), missing, "steps of api.RequestOrder the README's request path does not name");
    }

    @Test
    void linksBetweenThePagesResolveAndNoPagePointsOutsideTheRepository() {
        List<String> problems = new ArrayList<>();
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        Pattern outside = Pattern.compile("\\.\\./shared|CONTRACT\\.md|PROVIDERS\\.md|STACK-FACTS|STYLE\\.md|\\bissue \\d|#\\d{3,}\\b");
        for (Path page : pages()) {
            String text = read(page);
            Matcher l = link.matcher(text);
            while (l.find()) {
                String target = l.group(1);
                if (!target.contains("://") && !Files.exists(page.getParent().resolve(target).normalize())) {
                    problems.add(ROOT.relativize(page) + " links to a missing " + target);
                }
            }
            Matcher o = outside.matcher(text);
            while (o.find()) {
                problems.add(ROOT.relativize(page) + " points outside the repository: " + o.group());
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(README, ROOT.resolve("k8s/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** The rows (cells, trimmed) of the first Markdown table whose header row has a cell equal to {@code column}. */
    static List<String[]> firstTable(String markdown, String column) {
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("(?<!\\\\)\\|", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            if (!inTable) {
                inTable = List.of(cells).contains(column);
            } else if (!cells[0].startsWith("---")) {
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The `quoted` words of a cell that look like names: codes, keys, variables, values. */
    static List<String> backticked(String cell) {
        return firstGroups("`([^`]+)`", cell);
    }

    /** The first group of every match of {@code regex} in {@code text}, in order. */
    static List<String> firstGroups(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher match = Pattern.compile(regex).matcher(text);
        while (match.find()) {
            out.add(match.group(1));
        }
        return out;
    }

    private static List<Path> sourceFiles() {
        List<Path> all = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static String mainSources() {
        StringBuilder all = new StringBuilder();
        sourceFiles().forEach(p -> all.append(read(p)).append('\n'));
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
