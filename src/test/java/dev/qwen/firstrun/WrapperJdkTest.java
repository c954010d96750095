package dev.qwen.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's commands work unchanged where the default {@code java} is older than 21: the wrapper picks
 * a JDK 21+ from the usual places, and with none says in one line what to install. Runs the real
 * {@code ./mvnw} with the machine's system PATH and no JAVA_HOME.
 */
class WrapperJdkTest {

    private static final Pattern JAVA_VERSION = Pattern.compile("Java version: (\\d+)");

    record Run(int exit, String output) {
    }

    private static Run mvnw(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("./mvnw", "-o", "-v").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "mvnw -v timed out");
        return new Run(process.exitValue(), output);
    }

    private static int systemJavaMajor() throws Exception {
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            Path java = Path.of(dir, "java");
            if (Files.isExecutable(java)) {
                Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(1, TimeUnit.MINUTES);
                Matcher m = Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(out);
                return m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
        }
        return 0;
    }

    @Test
    void theWrapperRunsMavenOnAJdk21OrNewerWhateverTheDefaultJava() throws Exception {
        Run run = mvnw(Map.of());
        assertEquals(0, run.exit(), run.output());
        Matcher version = JAVA_VERSION.matcher(run.output());
        assertTrue(version.find(), run.output());
        assertTrue(Integer.parseInt(version.group(1)) >= 21, run.output());
    }

    @Test
    void withNoJdk21AnywhereOneLineSaysWhatToInstall() throws Exception {
        Assumptions.assumeTrue(systemJavaMajor() < 21, "the system java is already 21+: nothing to choose");
        Run run = mvnw(Map.of("QWEN_JDK_SEARCH", "/nonexistent/*"));
        assertEquals(1, run.exit(), run.output());
        assertEquals(1, run.output().strip().lines().count(), run.output());
        assertTrue(run.output().contains("needs a JDK 21 or newer") && run.output().contains("install"), run.output());
    }
}
