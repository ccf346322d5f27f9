package io.trailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRuleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = ConfigRuleCommandTest.class.getResourceAsStream("/config-rule/" + name)) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    @Test
    void invokePrintsOneLinePerEvaluation() throws IOException {
        assertEquals(0, run("config-rule", "invoke", "--event", resource("awsConfigRuleConfigurationChanged.json").toString()),
                err.toString());
        assertEquals("AWS::EC2::Instance\ti-042dd005362091826\tNOT_APPLICABLE\tNo trailguard rule evaluates AWS::EC2::Instance.",
                out.toString().strip());
        assertTrue(err.toString().contains("desiredInstanceType"), err.toString());
    }

    @Test
    void invokeJsonIsThePutEvaluationsRequest() throws IOException {
        Path event = resource("awsConfigRuleConfigurationChanged.json");
        assertEquals(0, run("config-rule", "invoke", "--event", event.toString(), "--format", "json"), err.toString());
        JsonNode req = JSON.readTree(out.toString());
        assertEquals(JSON.readTree(event.toFile()).path("resultToken").asText(), req.path("ResultToken").asText());
        assertEquals("NOT_APPLICABLE", req.path("Evaluations").get(0).path("ComplianceType").asText());
        assertEquals(1682607791.636, req.path("Evaluations").get(0).path("OrderingTimestamp").asDouble());
    }

    @Test
    void invokeSaysWhenItNeedsAwsAndHasNoCredentials() throws IOException {
        int code = run("config-rule", "invoke", "--event", resource("awsConfigRuleScheduled.json").toString(),
                "--profile", "trailguard-test-no-such-profile");
        assertEquals(ExitCodes.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("this event needs AWS"), err.toString());
        assertTrue(err.toString().contains("--endpoint-url"), err.toString());
    }

    @Test
    void invokeRejectsAFileThatIsNotAnEvent() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"hello\": 1}");
        assertEquals(ExitCodes.BAD_INPUT, run("config-rule", "invoke", "--event", bad.toString()));
        assertTrue(err.toString().contains("invokingEvent"), err.toString());
    }

    @Test
    void scanReadsAGzippedConfigSnapshot() throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.put("fileVersion", "1.0");
        ArrayNode items = file.putArray("configurationItems");
        items.add(JSON.readTree(resource("AWS_S3_Bucket.json").toFile()));
        items.add(JSON.readTree(resource("AWS_KMS_Key.json").toFile()));
        Path gz = dir.resolve("snapshot.json.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(file.toString().getBytes(StandardCharsets.UTF_8));
        }
        int code = run("scan", "--config-snapshot", gz.toString(), "--format", "json");
        assertTrue(code == ExitCodes.OK || code == ExitCodes.FINDINGS, err.toString());
        String report = out.toString();
        assertTrue(report.contains("S3-01") && report.contains("KMS-01"), report);
        assertTrue(report.contains("mborch-test-bucket-config-item"), report);
    }

    @Test
    void configSnapshotExcludesTheOtherInputs() throws IOException {
        Path f = Files.writeString(dir.resolve("s.json"), "{}");
        assertEquals(ExitCodes.BAD_INPUT, run("scan", f.toString(), "--config-snapshot", f.toString()));
        assertTrue(err.toString().contains("only one of"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("scan", "--config-snapshot", f.toString()));
        assertTrue(err.toString().contains("configurationItems"), err.toString());
    }
}
