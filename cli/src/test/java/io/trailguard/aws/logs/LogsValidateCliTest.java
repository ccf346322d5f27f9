package io.trailguard.aws.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.MotoServer;
import io.trailguard.cli.CliAccess;
import io.trailguard.core.integrity.DigestLayoutGenerator;
import io.trailguard.core.integrity.PlantedLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code trailguard logs validate} and {@code logs fetch} on the planted layout: locally, through S3 on moto_server,
 * and through a fetched copy; exit codes and the errors a user makes. (In this package to reuse the adapter's moto
 * helpers.)
 */
class LogsValidateCliTest {
    @BeforeAll
    static void generate() throws Exception {
        PlantedLayout.generate();
    }

    private static String bucketDir() {
        return PlantedLayout.dir.resolve("bucket").toString();
    }

    private static Set<String> found(String json) throws Exception {
        Set<String> s = new TreeSet<>();
        for (JsonNode i : new ObjectMapper().readTree(json).get("issues")) {
            s.add(i.get("kind").asText() + " " + (i.get("object").isNull() ? "-" : i.get("object").asText()) + " "
                    + i.get("from").asText());
        }
        return s;
    }

    @Test
    void aLocalCopyWithTamperingExitsOneAndReportsExactlyWhatWasPlanted() throws Exception {
        CliAccess.Result r = CliAccess.run("logs", "validate", bucketDir(), "--public-keys",
                PlantedLayout.keysFile.toString(), "--format", "json", "--bucket", PlantedLayout.BUCKET);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(found(r.out())).isEqualTo(PlantedLayout.planted);
        CliAccess.Result text = CliAccess.run("logs", "validate", bucketDir(), "--public-keys",
                PlantedLayout.keysFile.toString(), "--bucket", PlantedLayout.BUCKET);
        assertThat(text.out()).isEqualTo(Files.readString(Path.of("core/src/test/resources/integrity/expected-report.txt")));
    }

    @Test
    void everyReportFormatIsWrittenWholeWithTheScansConventions(@TempDir Path d) throws Exception {
        Path out = d.resolve("reports");
        CliAccess.Result all = CliAccess.run("logs", "validate", bucketDir(), "--public-keys",
                PlantedLayout.keysFile.toString(), "--bucket", PlantedLayout.BUCKET, "--output-dir", out.toString(),
                "--format", "text,json,html,sarif,junit,asff,ocsf,csv");
        assertThat(all.exitCode()).as(all.err()).isEqualTo(1);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceAll("^trailguard-logs-validate-\\d{8}-\\d{6}", "")).sorted())
                    .containsExactly(".asff.json", ".csv", ".html", ".json", ".junit.xml", ".ocsf.json", ".sarif", ".txt");
        }
        // the format from the file's extension, as scan does
        Path sarif = d.resolve("logs.sarif");
        Path csv = d.resolve("logs.csv");
        CliAccess.Result byName = CliAccess.run("logs", "validate", bucketDir(), "--public-keys",
                PlantedLayout.keysFile.toString(), "--bucket", PlantedLayout.BUCKET, "-o", sarif.toString(), "-o",
                csv.toString());
        assertThat(byName.exitCode()).as(byName.err()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(sarif.toFile()).get("version").asText()).isEqualTo("2.1.0");
        assertThat(Files.readString(csv)).startsWith("kind,failing,account_id");
        CliAccess.Result awsHabit = CliAccess.run("logs", "validate", bucketDir(), "--public-keys",
                PlantedLayout.keysFile.toString(), "--output", "json");
        assertThat(awsHabit.exitCode()).isEqualTo(2);
        assertThat(awsHabit.err()).contains("use --format json");
    }

    @Test
    void anIntactCopyExitsZero(@TempDir Path d) throws Exception {
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, "intact");
        DigestLayoutGenerator.Chain c = g.chain(PlantedLayout.MAIN, PlantedLayout.T0);
        c.hour(2, PlantedLayout.k1, true);
        c.hour(1, PlantedLayout.k1, true);
        CliAccess.Result r = CliAccess.run("logs", "validate", d.toString(), "--public-keys", PlantedLayout.keysFile.toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("3 log file(s) listed: 3 valid").contains("No integrity failure.");
    }

    @Test
    void usageMistakesExitTwoAndSayWhatToDo(@TempDir Path d) throws Exception {
        CliAccess.Result noKeys = CliAccess.run("logs", "validate", bucketDir());
        assertThat(noKeys.exitCode()).isEqualTo(2);
        assertThat(noKeys.err()).contains("--public-keys FILE").contains("list-public-keys");
        CliAccess.Result badTime = CliAccess.run("logs", "validate", bucketDir(), "--public-keys",
                PlantedLayout.keysFile.toString(), "--from", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("--from: yesterday is not a UTC time");
        Path bad = d.resolve("keys.json");
        Files.writeString(bad, "{\"PublicKeyList\": [\n  {\"Value\": 1,}\n]}");
        CliAccess.Result badKeys = CliAccess.run("logs", "validate", bucketDir(), "--public-keys", bad.toString());
        assertThat(badKeys.exitCode()).isEqualTo(2);
        assertThat(badKeys.err()).contains(bad + ":2:");
        CliAccess.Result noDir = CliAccess.run("logs", "validate", d.resolve("nothing").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("is neither s3://BUCKET[/PREFIX] nor a directory");
    }

    @Test
    void s3ModeOnMotoAndAFetchedCopyReportTheSame(@TempDir Path d) throws Exception {
        try (MotoServer moto = MotoServer.start();
                LogClients clients = new LogClients(CollectOptions.defaults().withEndpointOverride(moto.endpoint())
                        .withCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))));
                var s3 = clients.s3("us-east-1")) {
            MotoLogBucket.upload(s3, PlantedLayout.BUCKET, PlantedLayout.dir.resolve("bucket"));
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
            try {
                String endpoint = moto.endpoint().toString();
                CliAccess.Result r = CliAccess.run("logs", "validate", "s3://" + PlantedLayout.BUCKET, "--endpoint-url",
                        endpoint, "--public-keys", PlantedLayout.keysFile.toString(), "--format", "json",
                        "--concurrency", "4");
                assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
                assertThat(found(r.out())).isEqualTo(PlantedLayout.planted);
                // moto has no ListPublicKeys: said as a warning, and the keys of --public-keys are used
                assertThat(r.err()).contains("cloudtrail:ListPublicKeys in eu-west-1 failed");

                Path event = d.resolve("event.json");
                Files.writeString(event, "{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{\"bucket\":{\"name\":\""
                        + PlantedLayout.BUCKET + "\"},\"object\":{\"key\":\"" + PlantedLayout.h3.digest() + "\"}}}]}");
                CliAccess.Result invoked = CliAccess.run("logs", "validate", "--event", event.toString(), "--endpoint-url",
                        endpoint, "--public-keys", PlantedLayout.keysFile.toString());
                assertThat(invoked.exitCode()).as(invoked.err()).isEqualTo(1);
                assertThat(invoked.out()).contains("FAIL MODIFIED").contains(PlantedLayout.h3.logFiles().get(1));
                assertThat(invoked.err()).contains("1 finding(s) would be imported into Security Hub; nothing was sent.");
                Files.delete(event);

                CliAccess.Result fetched = CliAccess.run("logs", "fetch", "s3://" + PlantedLayout.BUCKET + "/corp/",
                        d.toString(), "--endpoint-url", endpoint);
                assertThat(fetched.exitCode()).as(fetched.err()).isZero();
                CliAccess.Result local = CliAccess.run("logs", "validate", d.toString(), "--public-keys",
                        PlantedLayout.keysFile.toString(), "--format", "json");
                assertThat(found(local.out())).isEqualTo(new TreeSet<>(PlantedLayout.planted.stream()
                        .filter(s -> s.contains(" corp/")).toList()));
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }
}
