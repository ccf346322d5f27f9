package io.trailguard.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.cli.CliAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real AWS emulator: the organisation of {@link MotoIntegrationTest} on moto_server,
 * {@code trailguard collect --org --endpoint-url}, {@code scan} of the file, and {@code scan --live}, which must give
 * the same findings. Skipped, with a message, where moto_server is not installed. (In this package to reuse the
 * emulator set-up of the adapter's tests.)
 */
class CliMotoEndToEndTest {
    @BeforeAll
    static void start() throws Exception {
        MotoIntegrationTest.startMoto();
        // the SDK's default credential chain reads these system properties; moto accepts any key
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        MotoIntegrationTest.stopMoto();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    @Test
    void collectThenScanEqualsScanLive(@TempDir Path dir) throws Exception {
        String endpoint = MotoIntegrationTest.endpoint.toString();
        Path snapshot = dir.resolve("snapshot.json");
        CliAccess.Result collected = CliAccess.run("collect", "--org", "--endpoint-url", endpoint,
                "--regions", "us-east-1,eu-west-1", "--concurrency", "4", "-o", snapshot.toString());
        assertThat(collected.err()).contains("Wrote " + snapshot);

        ObjectMapper json = new ObjectMapper();
        JsonNode snap = json.readTree(snapshot.toFile());
        // moto cannot serve every call (S3 Control's host, DescribeDeliveryChannelStatus): a collection with errors
        // exits 4, one without 0
        assertThat(collected.exitCode()).as(collected.err()).isEqualTo(snap.path("errors").isEmpty() ? 0 : 4);
        assertThat(snap.at("/organization/managementAccountId").asText()).isEqualTo(MotoIntegrationTest.MANAGEMENT);
        assertThat(snap.get("accounts").toString()).contains(MotoIntegrationTest.member);

        Path fromFile = dir.resolve("file.json");
        CliAccess.Result scanned = CliAccess.run("scan", snapshot.toString(), "--format", "json", "-o", fromFile.toString());
        assertThat(scanned.exitCode()).as(scanned.err()).isIn(0, 1);
        Path fromLive = dir.resolve("live.json");
        CliAccess.Result live = CliAccess.run("scan", "--live", "--org", "--endpoint-url", endpoint,
                "--regions", "us-east-1,eu-west-1", "--concurrency", "4", "--format", "json", "-o", fromLive.toString());
        assertThat(live.exitCode()).as(live.err()).isEqualTo(scanned.exitCode());

        Set<String> a = outcomes(json.readTree(fromFile.toFile()));
        Set<String> b = outcomes(json.readTree(fromLive.toFile()));
        assertThat(b).isEqualTo(a);
        // the chain across the emulated organisation: the central bucket's policy lacks the ACL check grant
        assertThat(a).contains("S3-01 arn:aws:s3:::central-logs FAIL");
        // the member account, reached through its assumed role, is evaluated too
        assertThat(a).anyMatch(s -> s.startsWith("CT-01 " + MotoIntegrationTest.member + " "));
    }

    @Test
    void scanLiveWithRegionCollectsThatRegionOnly(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("live.json");
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        CliAccess.Result live;
        try (java.io.PrintStream capture = new java.io.PrintStream(wire, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setErr(capture); // --debug writes the calls to the process's standard error
            live = CliAccess.run("scan", "--live", "--endpoint-url", MotoIntegrationTest.endpoint.toString(),
                    "--region", "us-east-1", "--debug", "--format", "json", "-o", report.toString());
        } finally {
            System.setErr(saved);
            CliAccess.disableWireLog();
        }
        assertThat(live.exitCode()).as(live.err()).isIn(0, 1);
        List<String> calls = wire.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("debug: → ")).toList();
        assertThat(calls).isNotEmpty().anyMatch(l -> l.contains(" us-east-1 "))
                // a bucket's own calls go to the bucket's region (the replica bucket is in eu-west-1); nothing else
                .noneMatch(l -> !l.startsWith("debug: → S3.") && l.matches("debug: → \\S+ (?!us-east-1 )[a-z]{2}(-[a-z]+)+-\\d .*"));
    }

    private static Set<String> outcomes(JsonNode report) {
        Set<String> out = new TreeSet<>();
        report.get("findings").forEach(f -> out.add(f.get("ruleId").asText() + " " + f.at("/resource/id").asText()
                + " " + f.get("status").asText()));
        return out;
    }
}
