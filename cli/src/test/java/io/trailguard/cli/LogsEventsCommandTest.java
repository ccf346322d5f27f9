package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs denied} and {@code logs alarms} on the shared real events (core's test resources, events/NOTICE.md). */
class LogsEventsCommandTest {
    static final String EVENTS = "core/src/test/resources/events";

    @Test
    void deniedWithTheExampleSnapshotReportsThePipelineAttemptsAndExitsOne(@TempDir Path d) throws Exception {
        Path out = d.resolve("denied.json");
        CliRunner.Result r = CliRunner.run("logs", "denied", EVENTS, "--snapshot", "examples/acme-org.json",
                "--format", "json", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.get("events").asInt()).isEqualTo(188);
        assertThat(j.get("pipeline").size()).isEqualTo(19);
        assertThat(j.at("/probing/principals/0/principal").asText()).isEqualTo("arn:aws:sts::444455556666:assumed-role/ci-deployer/scanner");
        CliRunner.Result text = CliRunner.run("logs", "denied", EVENTS);
        assertThat(text.out()).contains("ALLOWED  cloudtrail:StopLogging on trail stratus-red-team-ct-stop-trail-buykxbqejv")
                .contains("(unverified)");
    }

    @Test
    void deniedAndAlarmsWriteCsvBesideTextAndJsonAndRefuseOtherFormats(@TempDir Path d) throws Exception {
        Path out = d.resolve("reports");
        CliRunner.Result r = CliRunner.run("logs", "denied", EVENTS, "--snapshot", "examples/acme-org.json",
                "--output-dir", out.toString(), "--format", "text,json,csv");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceAll("^trailguard-logs-denied-\\d{8}-\\d{6}", "")).sorted())
                    .containsExactly(".csv", ".json", ".txt");
        }
        Path csv = d.resolve("alarms.csv");
        CliRunner.Result alarms = CliRunner.run("logs", "alarms", EVENTS, "--snapshot", "examples/acme-org.json",
                "-o", csv.toString());
        assertThat(alarms.exitCode()).as(alarms.err()).isEqualTo(1);
        assertThat(Files.readString(csv)).startsWith("section,log_group,filter_name");
        CliRunner.Result sarif = CliRunner.run("logs", "alarms", EVENTS, "--snapshot", "examples/acme-org.json",
                "--format", "sarif");
        assertThat(sarif.exitCode()).isEqualTo(2);
        assertThat(sarif.err()).contains("logs alarms writes text, json, csv reports, not sarif");
        CliRunner.Result html = CliRunner.run("logs", "denied", EVENTS, "-o", d.resolve("x.html").toString());
        assertThat(html.exitCode()).isEqualTo(2);
        assertThat(html.err()).contains("not html (--output ");
    }

    @Test
    void athenaPrintsSqlWithoutReadingLogsAndRejectsABadTableName() {
        CliRunner.Result r = CliRunner.run("logs", "denied", "--athena", "security.cloudtrail_logs");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("FROM security.cloudtrail_logs").contains("GROUP BY 1, 2, 3, 4");
        CliRunner.Result bad = CliRunner.run("logs", "denied", "--athena", "x; DROP TABLE y");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--athena: not an Athena table name");
        CliRunner.Result none = CliRunner.run("logs", "denied");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give the log files to read");
    }

    @Test
    void alarmsFindsTheSilentRootFilterOfTheExampleOrganisation() {
        CliRunner.Result r = CliRunner.run("logs", "alarms", EVENTS, "--snapshot", "examples/acme-org.json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("aws-cloudtrail-logs-acme-org / RootAccountUsage: 0 match(es)")
                .contains("CloudWatch.1 root user usage: 14 event(s)");
        CliRunner.Result missing = CliRunner.run("logs", "alarms", EVENTS);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--snapshot");
    }
}
