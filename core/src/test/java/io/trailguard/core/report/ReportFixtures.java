package io.trailguard.core.report;

import io.trailguard.core.Engine;
import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Results;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.suppress.SuppressionOutcome;
import io.trailguard.core.suppress.Suppressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The fixed inputs of the report tests: a small rule set and a snapshot copied into {@code report/} (so that changes
 * to the live pack do not move the golden files), a suppressions file, and a fixed "today".
 */
final class ReportFixtures {
    static final Path DIR = Path.of("src/test/resources/report");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final String VERSION = "0.1.0-test";

    private ReportFixtures() {
    }

    /** The scan of the fixed snapshot by the fixed rules, without suppressions. */
    static ScanResult scan() {
        RulePack pack = RulePack.load(DIR.resolve("rules"));
        Snapshot snapshot = Snapshot.read(DIR.resolve("snapshot.json"));
        return Engine.create().scan(pack, snapshot);
    }

    /** The fixed snapshot. */
    static Snapshot snapshot() {
        return Snapshot.read(DIR.resolve("snapshot.json"));
    }

    /** The scan with {@code report/suppressions.yaml} applied on {@link #TODAY}. */
    static SuppressionOutcome suppressed() {
        try {
            // Parsed under its bare name so the golden files do not depend on the path separator.
            return Suppressions.parse("suppressions.yaml", Files.readString(DIR.resolve("suppressions.yaml")))
                    .apply(scan(), TODAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hand-made result whose texts hold every character that needs escaping somewhere. */
    static ScanResult awkward() {
        String nasty = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> & \"quotes\" 'apos' "
                + "<!-- ]]> \u0001\u0007 tab\there line\nbreak \u2028 é 🎉";
        ResourceRef r = new ResourceRef("AWS::S3::Bucket", "arn:aws:s3:::bucket-<b>&\"x\"", "111122223333",
                "eu-west-1");
        Fix fix = new Fix("Fix it: " + nasty, List.of("step with <tag> & " + nasty), List.of(),
                List.of(new FixCommand("111122223333", "eu-west-1", List.of("s3api", "put-bucket-policy", "--bucket",
                        "a&b", "--policy", "{\"x\":\"</script>\"}", "--region", "eu-west-1"), Set.of())), List.of(),
                List.of(), null);
        Finding fail = new Finding("S3-99", Status.FAIL, Severity.HIGH, "Title with <b>markup</b> & " + nasty, r,
                "Message " + nasty, "Rationale " + nasty,
                List.of(new Evidence(r.id(), "$.Policy.Statement[?(@.Effect=='Deny')]", "\"" + nasty + "\"",
                        "no <deny>")),
                List.of(new Reference("doc", "https://example.com/?a=1&b=<2>", "Doc & <ref>",
                        "https://example.com/?a=1&b=<2>")),
                fix, null);
        Finding pass = new Finding("S3-99", Status.PASS, Severity.HIGH, fail.title(),
                new ResourceRef("AWS::S3::Bucket", "arn:aws:s3:::ok", "111122223333", "eu-west-1"), "ok", "r",
                List.of(), List.of(), null, null);
        return Results.of(Instant.parse("2026-11-20T09:00:00Z"), List.of("111122223333"), 2, List.of(fail, pass));
    }
}
