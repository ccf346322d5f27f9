package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The habits users bring from the AWS CLI and Prowler: each gives the conventional result or a clear exit 2. */
class CliConventionsTest {
    private static final String EXAMPLE = "examples/acme-org.json";

    @Test
    void theDefaultReportIsShortAndOpensOnTheWorstProblemAndItsFix() {
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE);
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.size()).isLessThanOrEqualTo(240); // 1,714 before issue 15, 301 after its first wave; goal about 200
        String firstScreen = String.join("\n", lines.subList(0, 45));
        assertThat(firstScreen).contains("SEVERITY  RULE").contains("✗ CW-01").contains("fix       ").contains("$ aws ");
        assertThat(CliRunner.run("scan", EXAMPLE, "--details").out().lines().count()).isGreaterThan(lines.size());
    }

    @Test
    void theFormatComesFromTheOutputFileExtension(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("x.json");
        Path csv = dir.resolve("x.csv");
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "-o", json + "," + csv);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(Files.readString(json)).startsWith("{");
        assertThat(Files.readString(csv)).startsWith("rule_id,status,severity");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void outputWithAFormatNameIsAMistakeWithTheRightOption() {
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--output", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("use --format json");
        assertThat(Path.of("json")).doesNotExist();
    }

    @Test
    void outputDirWritesEveryFormatUnderStandardNames(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("reports");
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--output-dir", out.toString(), "--format",
                "json,html,sarif,csv,text");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "trailguard-20261120-090000.csv", "trailguard-20261120-090000.html",
                    "trailguard-20261120-090000.json", "trailguard-20261120-090000.sarif",
                    "trailguard-20261120-090000.txt");
        }
    }

    @Test
    void filtersThatMatchNothingAreUsageErrorsWithSuggestions() {
        CliRunner.Result account = CliRunner.run("scan", EXAMPLE, "--account", "4444");
        assertThat(account.exitCode()).isEqualTo(2);
        assertThat(account.err()).contains("did you mean '444444444444'");
        CliRunner.Result unknown = CliRunner.run("scan", EXAMPLE, "--account", "555555555555");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("its accounts: 111111111111, 222222222222");
        CliRunner.Result region = CliRunner.run("scan", EXAMPLE, "--region", "us-east-2");
        assertThat(region.exitCode()).isEqualTo(2);
        assertThat(region.err()).contains("did you mean 'us-east-1'");
        assertThat(CliRunner.run("scan", EXAMPLE, "--region", "xx-east-9").exitCode()).isEqualTo(2);
        CliRunner.Result rule = CliRunner.run("scan", EXAMPLE, "--rule", "CT-99");
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.err()).contains("did you mean");
    }

    @Test
    void failOnNoneQuietAndABadSeverity() {
        assertThat(CliRunner.run("scan", EXAMPLE, "--fail-on", "none").exitCode()).isZero();
        CliRunner.Result quiet = CliRunner.run("scan", EXAMPLE, "--quiet");
        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
        CliRunner.Result bad = CliRunner.run("scan", EXAMPLE, "--severity", "urgent");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown severity 'urgent': expected one of critical").doesNotContain("Exception");
    }
}
