package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static io.trailguard.aws.config.ConfigItemMapperTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.rules.BuiltinRules;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Config snapshot file built from real configuration items gives the same findings as a scan of the equivalent
 * trailguard snapshot (written by hand, as {@code collect} would read the same resources) wherever Config records the
 * rule's inputs, and UNKNOWN — never PASS — where it does not.
 */
class ConfigSnapshotEquivalenceTest {
    static final List<String> ITEMS = List.of("rdk/AWS_Cloudtrail_Trail.json", "rdk/AWS_S3_Bucket.json",
            "rdk/AWS_KMS_Key.json", "rdk/AWS_EC2_VPC.json", "rdk/AWS_EC2_Subnet.json", "custodian/s3.json",
            "trailguard/AWS_Config_ConfigurationRecorder.json",
            "trailguard/AWS_Config_ConfigurationRecorder_212591712841.json",
            "trailguard/AWS_Config_ConfigurationRecorder_264683526309.json",
            "trailguard/AWS_Config_ConfigurationRecorder_644160558196.json",
            "trailguard/AWS_Config_ConfigurationRecorder_934654633380.json");
    /** The rules whose inputs AWS Config records for these items. */
    static final Set<String> RECORDED = Set.of("CT-03", "CT-04", "S3-01", "KMS-01", "VPC-02");

    @TempDir
    Path dir;

    /** Writes the items as Config delivers a snapshot file to S3: gzipped JSON with fileVersion. */
    Path configSnapshotFile() throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.put("fileVersion", "1.0");
        file.put("configSnapshotId", "00000000-0000-0000-0000-000000000000");
        ArrayNode items = file.putArray("configurationItems");
        ITEMS.forEach(i -> items.add(item(i)));
        Path p = dir.resolve("123456789012_Config_us-east-1_ConfigSnapshot_20210929T233338Z.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(file.toString().getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    static Map<String, Finding> byKey(List<Finding> fs) {
        Map<String, Finding> m = new TreeMap<>();
        fs.forEach(f -> m.put(f.ruleId() + " " + f.resource().type() + " " + f.resource().id(), f));
        return m;
    }

    @Test
    void sameFindingsWhereConfigRecordsTheInputs() throws IOException {
        RulePack pack = BuiltinRules.pack();
        Snapshot fromConfig = Snapshot.parse(ConfigSnapshotReader.read(configSnapshotFile()).toString(), "config");
        Snapshot hand = Snapshot.parse(new String(ConfigSnapshotEquivalenceTest.class
                .getResourceAsStream("/config/equivalent-snapshot.json").readAllBytes(), StandardCharsets.UTF_8),
                "equivalent-snapshot.json");
        Engine engine = Engine.create().keepingNotApplicable(); // "does not apply" must agree too
        Map<String, Finding> c = byKey(engine.scan(pack, fromConfig).findings());
        Map<String, Finding> h = byKey(engine.scan(pack, hand).findings());
        assertThat(c.keySet()).isEqualTo(h.keySet());
        int compared = 0;
        int unknown = 0;
        for (String k : h.keySet()) {
            Finding cf = c.get(k);
            Finding hf = h.get(k);
            if (RECORDED.contains(hf.ruleId())) {
                assertThat(cf.status()).as(k).isEqualTo(hf.status());
                assertThat(cf.message()).as(k).isEqualTo(hf.message());
                compared++;
            } else if (cf.status() == Status.UNKNOWN) {
                // Config does not record the input (trail status, event selectors): unknown, never a decision
                assertThat(cf.unknown().detail()).as(k).contains(ConfigItemMapper.NOT_RECORDED);
                unknown++;
            } else {
                // decided without the unrecorded fields (an account with no trail at all): the same decision
                assertThat(cf.status()).as(k).isEqualTo(hf.status());
            }
        }
        assertThat(unknown).as("findings Config cannot decide").isGreaterThanOrEqualTo(2);
        assertThat(compared).isGreaterThanOrEqualTo(6);
        assertThat(c.values()).extracting(Finding::status).contains(Status.PASS, Status.FAIL);
    }
}
