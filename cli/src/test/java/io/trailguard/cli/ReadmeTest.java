package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.rules.BuiltinRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README true: its library snippet compiles and runs, and its example rule passes its own tests. */
class ReadmeTest {
    private static final Path README = Path.of("README.md");

    /** The README's library snippet, verbatim between the markers below (tests run from the repository root). */
    static void librarySnippet() {
        // --- snippet start
        RulePack rules = BuiltinRules.pack();                          // or RulePack.load(Path.of("my-rules"))
        Snapshot snapshot = Snapshot.read(Path.of("examples/acme-org.json"));
        ScanResult result = Engine.create().scan(rules, snapshot);
        for (Finding f : result.findings()) {
            if (f.status() == Status.FAIL) {
                System.out.println(f.ruleId() + " " + f.resource().id() + ": " + f.message());
                f.fixIfAny().ifPresent(fix -> fix.cli().forEach(c -> System.out.println("  $ " + c)));
            }
        }
        // --- snippet end
    }

    @Test
    void theLibrarySnippetIsTheOneInTheReadme() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("## As a library\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has a java block under '## As a library'").isTrue();
        String source = Files.readString(Path.of("cli/src/test/java/io/trailguard/cli/ReadmeTest.java"), StandardCharsets.UTF_8);
        String snippet = source.substring(source.indexOf("// --- snippet start") + "// --- snippet start".length(),
                source.indexOf("// --- snippet end"));
        assertThat(normalize(m.group(1))).isEqualTo(normalize(snippet));
    }

    @Test
    void theLibrarySnippetRuns() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            librarySnippet();
        } finally {
            System.setOut(saved);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("S3-01 arn:aws:s3:::acme-central-cloudtrail-logs")
                .contains("  $ aws ");
    }

    @Test
    void theExampleRuleOfTheReadmeIsTheOneInExamplesAndPasses() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("## Writing and testing a rule.*?```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).isTrue();
        assertThat(Files.readString(Path.of("examples/rules/ORG-01.yaml"), StandardCharsets.UTF_8)).isEqualTo(m.group(1));
        assertThat(CliRunner.run("rules", "test", "examples/rules").out()).contains("1 passed, 0 failed");
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
