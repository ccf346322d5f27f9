package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trailguard.core.Engine;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.fix.FixPlan;
import io.trailguard.core.fix.FixScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fix plan of the example organisation, proven as a whole, and its script run by bash against a stand-in
 * {@code aws} that records every call: it switches account per block, refuses the wrong account, refuses to run with an
 * unset parameter, and a second run changes nothing it cannot repeat.
 */
class FixScriptTest {
    private static final Map<String, String> PARAMS = Map.of(
            "replicaKmsKey", "arn:aws:kms:eu-west-1:222222222222:key/0b7e3c1d-2f4a-4b6c-8d9e-1f2a3b4c5d6e",
            "queryLogConfigId", "rqlc-0123456789abcdef", "breakGlassPrincipals", "arn:aws:iam::222222222222:role/BreakGlass");
    /** Answers sts with the account of AWS_PROFILE (acct-ACCOUNT), records other calls, fails creates run twice. */
    private static final String FAKE_AWS = """
            #!/bin/bash
            if [ "$1" = sts ]; then echo "${FAKE_ACCOUNT:-${AWS_PROFILE#acct-}}"; exit 0; fi
            echo "$AWS_PROFILE $*" >> "$FAKE_LOG"
            case "$2" in create-*|associate-*)
              key=$(printf '%s' "$*" | md5sum | cut -c1-16)
              if [ -e "$FAKE_LOG.$key" ]; then echo "An error occurred (ResourceAlreadyExistsException): already exists" >&2; exit 254; fi
              touch "$FAKE_LOG.$key";;
            esac
            """;
    private static RulePack pack;
    private static Snapshot snap;
    private static ScanResult scan;

    @BeforeAll
    static void scanExample() {
        pack = BuiltinRules.pack();
        snap = Snapshot.read(Path.of("../examples/acme-org.json"));
        scan = Engine.withParams(PARAMS).scan(pack, snap);
    }

    @Test
    void thePlanOfTheExampleIsProvenAsAWholeAndMergesChangesPerResource() {
        FixPlan plan = FixPlan.build(Engine.withParams(PARAMS), pack, snap, scan, scan);
        assertThat(plan.proof().result()).as(plan.proof().detail()).isEqualTo("proven");
        assertThat(plan.fixed()).hasSizeGreaterThanOrEqualTo(50);
        // CT-08 and CT-09 of four accounts: one put-event-selectors on the organisation trail
        assertThat(plan.commands().stream().filter(c -> c.command().argv().get(1).equals("put-event-selectors")))
                .singleElement().satisfies(c -> assertThat(c.findings()).hasSize(8));
        assertThat(plan.unfixable()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
    }

    @Test
    void theScriptRunsEveryCommandInItsAccountAndASecondRunRepeatsOnlyWhatIsIdempotent(@TempDir Path dir)
            throws Exception {
        String script = FixScript.bash(FixPlan.build(Engine.withParams(PARAMS), pack, snap, scan, scan), "acme-org.json",
                "2026-11-20T09:00:00Z");
        Path log = dir.resolve("calls.log");
        Result first = run(dir, script, Map.of("TG_PROFILE_PREFIX", "acct-", "FAKE_LOG", log.toString()));
        assertThat(first.code()).as(first.output()).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c).matches("acct-\\d{12} \\S+ \\S+ .* --region [a-z]{2}-[a-z]+-\\d"));
        // a put-key-policy for the key of account 222222222222 runs with that account's profile
        assertThat(calls).anySatisfy(c -> assertThat(c).startsWith("acct-222222222222 kms put-key-policy"));
        Files.delete(log);
        Result second = run(dir, script, Map.of("TG_PROFILE_PREFIX", "acct-", "FAKE_LOG", log.toString()));
        assertThat(second.code()).as(second.output()).isZero();
        assertThat(second.output()).contains("already there, kept");
    }

    @Test
    void theScriptRefusesTheWrongAccountAndAnUnsetParameter(@TempDir Path dir) throws Exception {
        String script = FixScript.bash(FixPlan.build(Engine.withParams(PARAMS), pack, snap, scan, scan), "acme-org.json",
                "2026-11-20T09:00:00Z");
        Path log = dir.resolve("calls.log");
        Result wrong = run(dir, script, Map.of("FAKE_ACCOUNT", "999999999999", "FAKE_LOG", log.toString()));
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.output()).contains("but the credentials are for account 999999999999");
        assertThat(log).doesNotExist();

        ScanResult unsetScan = Engine.create().scan(pack, snap);
        String unset = FixScript.bash(FixPlan.build(Engine.create(), pack, snap, unsetScan, unsetScan), "acme-org.json",
                "2026-11-20T09:00:00Z");
        assertThat(unset).contains("# Proof: NOT-PROVABLE").contains("REPLICA_KMS_KEY=\"${REPLICA_KMS_KEY:-}\"  # set this: --param replicaKmsKey=");
        Result refused = run(dir, unset, Map.of("TG_PROFILE_PREFIX", "acct-", "FAKE_LOG", log.toString()));
        assertThat(refused.code()).isNotZero();
        assertThat(refused.output()).contains("set REPLICA_KMS_KEY first");
        assertThat(log).doesNotExist();
    }

    @Test
    void hostileNamesInTheSnapshotReachAwsAsTextAndRunNothing(@TempDir Path dir) throws Exception {
        // the prod trail, its role and its log group renamed with quotes, command substitutions, a newline and ';'
        String hostile = "prod'$(touch pwned)`touch pwned2`;x\\ny";
        String json = Files.readString(Path.of("../examples/acme-org.json")).replace("prod-audit", hostile);
        Snapshot evil = Snapshot.parse(json, "hostile.json");
        Engine engine = Engine.withParams(PARAMS);
        ScanResult r = engine.scan(pack, evil);
        String script = FixScript.bash(FixPlan.build(engine, pack, evil, r, r), "hostile.json", "2026-11-20T09:00:00Z");
        Path log = dir.resolve("calls.log");
        Result run = run(dir, script, Map.of("TG_PROFILE_PREFIX", "acct-", "FAKE_LOG", log.toString()));
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
        assertThat(Files.readString(log)).contains("prod'$(touch pwned)`touch pwned2`;x\ny");
    }

    record Result(int code, String output) {
    }

    private static Result run(Path dir, String script, Map<String, String> env) throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash is not installed: the fix script is not run");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, FAKE_AWS, StandardCharsets.UTF_8);
        aws.toFile().setExecutable(true);
        Path file = dir.resolve("fix.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(bash.toString(), file.toString()).redirectErrorStream(true)
                .directory(dir.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("AWS_PROFILE");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
