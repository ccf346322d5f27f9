package io.trailguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Engine;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.rules.BuiltinRules;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OrgGeneratorTest {
    private static String generate(int accounts, long seed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrgGenerator(accounts, 2, seed, 0.2).generate(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deterministicForASeed() throws Exception {
        assertThat(generate(12, 42)).isEqualTo(generate(12, 42));
        assertThat(generate(12, 42)).isNotEqualTo(generate(12, 43));
    }

    @Test
    void aValidSnapshotOfAboutAHundredResourcesPerAccount() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OrgGenerator.Stats stats = new OrgGenerator(20, 2, 7, 0.2).generate(out);
        Snapshot snap = Snapshot.parse(out.toString(StandardCharsets.UTF_8), "generated");
        assertThat(snap.resources()).hasSize(stats.resources());
        assertThat(stats.resources()).isBetween(20 * 60, 20 * 140);
        assertThat(snap.accountIds()).hasSize(20);
        assertThat(snap.resources().stream().map(r -> r.type()).distinct()).contains(
                "AWS::CloudTrail::Trail", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::EC2::VPC", "AWS::EC2::Subnet",
                "AWS::EC2::NetworkInterface", "AWS::EC2::FlowLog", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm",
                "AWS::Config::ConfigurationRecorder", "AWS::Route53::HostedZone", "AWS::S3::AccountPublicAccessBlock");
    }

    @Test
    void plantedMisconfigurationsAreFoundAndTheRestPasses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrgGenerator(30, 2, 11, 0.2).generate(out);
        Snapshot snap = Snapshot.parse(out.toString(StandardCharsets.UTF_8), "generated");
        ScanResult r = Engine.create().scan(BuiltinRules.pack(), snap);
        assertThat(r.countByStatus().get(Status.FAIL)).isPositive();
        assertThat(r.countByStatus().get(Status.PASS)).isGreaterThan(r.countByStatus().get(Status.FAIL));
    }

    @Test
    void reportsOfALargerScanAreIdenticalRunAfterRun() throws Exception {
        // rules with many subjects are evaluated in parallel: the report must not depend on scheduling
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrgGenerator(40, 2, 5, 0.2).generate(out);
        String json = out.toString(StandardCharsets.UTF_8);
        String first = null;
        for (int i = 0; i < 3; i++) {
            String report = io.trailguard.core.report.JsonReport.render(
                    Engine.create().scan(BuiltinRules.pack(), Snapshot.parse(json, "generated")));
            if (first == null) {
                first = report;
            }
            assertThat(report).isEqualTo(first);
        }
    }

    @Test
    void skippingNotApplicableSubjectsGivesTheOutcomesOfEvaluatingEverySubject() throws Exception {
        // the engine skips the subjects a bare 'when: related X' reaches nothing from, unless they are kept
        Snapshot snapshot = Snapshot.parse(generate(40, 9), "generated");
        ScanResult skipping = Engine.create().scan(BuiltinRules.pack(), snapshot);
        ScanResult all = Engine.create().keepingNotApplicable().scan(BuiltinRules.pack(), snapshot);
        assertThat(skipping.findings()).isEqualTo(all.findings().stream()
                .filter(f -> f.status() != Status.NOT_APPLICABLE).toList());
        assertThat(skipping.countByStatus()).isEqualTo(all.countByStatus());
        assertThat(skipping.omittedNotApplicableCount()).isGreaterThan(skipping.findings().size());
    }

    @Test
    void accountsForAHundredThousandResourcesIsAboutAThousand() {
        assertThat(OrgGenerator.accountsFor(100_000)).isBetween(900, 1100);
    }
}
