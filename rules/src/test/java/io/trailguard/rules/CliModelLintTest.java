package io.trailguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.snapshot.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every command line the pack can print, checked against the AWS CLI's own model: each failing finding's fix, for
 * every rule's test fixtures run through the engine with the whole pack and for the two example organisations, is
 * split into commands by the POSIX shell's rules ({@link ShellWords}); each {@code aws} command must name a service,
 * an operation and parameters the AWS CLI on this machine knows ({@link AwsCliModel}), give every required
 * parameter, say {@code --region} with a region (or a shell variable) for a regional service, hold no placeholder
 * ({@code TRAIL-ARN}, {@code arn:aws:logs:REGION:ACCOUNT:…}, {@code (none)}, {@code null}) and read {@code file://} only
 * from a file the same fix writes. Skipped, with a message, where botocore is not installed.
 */
class CliModelLintTest {
    /** Services whose API has one global endpoint: no --region needed. */
    static final Set<String> GLOBAL_SERVICES = Set.of("iam", "route53", "organizations", "sts", "s3control",
            "cloudfront");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d|\\$\\{?[A-Za-z_]\\w*}?");
    /** A capitalised, hyphenated word standing for a value (TRAIL-ARN, LOG-BUCKET). */
    static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
    /** An ARN's region and account: {@code arn:partition:service:REGION:ACCOUNT:…}. */
    static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:[\\w-]+:([^:\"\\s]*):([^:\"\\s]*):[^\"\\s,]*");
    static AwsCliModel model;

    @BeforeAll
    static void model() {
        StringBuilder why = new StringBuilder();
        model = AwsCliModel.find(why);
        Assumptions.assumeTrue(model != null, "SKIPPED: " + why + "; install the AWS CLI to lint the fix commands");
    }

    @Test
    void everyPrintedCommandIsValidForTheAwsCli() {
        Map<String, String> fixes = printedFixes();
        Set<String> lines = new HashSet<>();
        Map<String, List<String>> failing = new TreeMap<>();
        for (Map.Entry<String, String> fix : fixes.entrySet()) {
            List<ShellWords.Command> commands;
            try {
                commands = ShellWords.split(fix.getKey());
            } catch (IllegalArgumentException e) {
                lines.add(fix.getKey());
                failing.computeIfAbsent(fix.getKey(), k -> new ArrayList<>()).add("not valid shell: "
                        + e.getMessage() + " (" + fix.getValue() + ")");
                continue;
            }
            Set<String> written = new HashSet<>();
            for (ShellWords.Command c : commands) {
                if (!c.words().isEmpty() && c.words().get(0).equals("aws")) {
                    lines.add(String.join(" ", c.words()));
                    List<String> problems = lint(c.words().subList(1, c.words().size()), written);
                    if (!problems.isEmpty()) {
                        failing.computeIfAbsent(String.join(" ", c.words()), k -> new ArrayList<>())
                                .addAll(problems.stream().map(p -> p + " (" + fix.getValue() + ")").toList());
                    }
                }
                written.addAll(c.writes());
            }
        }
        StringBuilder report = new StringBuilder();
        failing.forEach((line, problems) -> report.append("\n  ").append(line.length() > 220
                ? line.substring(0, 220) + "…" : line).append("\n      ").append(problems.get(0)));
        Map<String, Integer> kinds = new TreeMap<>();
        failing.values().forEach(ps -> ps.stream().map(p -> p.replaceAll(" \\(.*", "")
                .replaceAll("--region is not a region: .*", "--region is not a region")
                .replaceAll("file://\\S+", "file://…")).distinct().forEach(k -> kinds.merge(k, 1, Integer::sum)));
        System.out.println("CLI-model lint: " + fixes.size() + " distinct fixes, " + lines.size()
                + " distinct aws command lines, " + failing.size() + " failing; by problem: " + kinds);
        if (System.getProperty("trailguard.lintReport") != null) {
            try {
                java.nio.file.Files.writeString(Path.of(System.getProperty("trailguard.lintReport")), report);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(lines.size() > 100, "expected the pack to print over a hundred aws commands, found "
                + lines.size());
        assertEquals(0, failing.size(), failing.size() + " of " + lines.size() + " aws command lines are not valid:"
                + report);
    }

    private static List<String> lint(List<String> args, Set<String> written) {
        List<String> problems = new ArrayList<>(model.check(args));
        String service = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        int r = args.indexOf("--region");
        if (r < 0 && !GLOBAL_SERVICES.contains(service)) {
            problems.add("no --region for the regional service " + service);
        } else if (r >= 0 && (r + 1 >= args.size() || !REGION.matcher(args.get(r + 1)).matches())) {
            problems.add("--region is not a region: " + (r + 1 < args.size() ? args.get(r + 1) : "(nothing)"));
        }
        for (String a : args) {
            if (PLACEHOLDER.matcher(a).matches() || a.equals("(none)") || a.equals("null")) {
                problems.add("a placeholder, not a value: " + a);
            }
            java.util.regex.Matcher arn = ARN.matcher(a);
            while (arn.find()) {
                if (!arn.group(1).isEmpty() && !REGION.matcher(arn.group(1)).matches() && !arn.group(1).equals("*")
                        || !arn.group(2).isEmpty() && !arn.group(2).matches("\\d{12}|\\*|aws|\\$\\{?\\w+}?")) {
                    problems.add("an ARN with a placeholder region or account: " + arn.group());
                }
            }
            if (a.startsWith("file://") && !written.contains(a.substring("file://".length()))) {
                problems.add(a + " names a file the fix does not write");
            }
        }
        return problems;
    }

    /** Each distinct fix text (its cli lines joined), mapped to where it was first printed. */
    static Map<String, String> printedFixes() {
        RulePack pack = BuiltinRules.fromFiles();
        Map<String, String> out = new LinkedHashMap<>();
        for (RuleDefinition rule : pack.definitions()) {
            for (int i = 0; i < rule.tests().size(); i++) {
                RuleTest t = rule.tests().get(i);
                Snapshot snapshot = t.givenFile() != null
                        ? Fixtures.read(rule.file().getParent().resolve(t.givenFile()))
                        : Snapshot.parse(Json.compact(t.givenInline()), rule.id() + " tests[" + i + "]");
                collect(Engine.withParams(params(rule, t)).scan(pack, snapshot).findings(),
                        rule.id() + " › " + t.name(), out);
            }
        }
        for (String example : List.of("acme-org.json", "well-configured-org.json")) {
            collect(Engine.create().scan(pack, Fixtures.read(Path.of("../examples", example))).findings(),
                    "examples/" + example, out);
        }
        return out;
    }

    /** Every rendered command of the fixes {@link #printedFixes} saw, with where it was printed. */
    static final Map<FixCommand, String> RENDERED = new LinkedHashMap<>();

    private static void collect(List<Finding> findings, String where, Map<String, String> out) {
        for (Finding f : findings) {
            if (f.status() == Status.FAIL && f.fix() != null) {
                f.fix().commands().forEach(c -> RENDERED.putIfAbsent(c, where + ", " + f.ruleId()));
                f.fix().checks().forEach(c -> RENDERED.putIfAbsent(c, where + ", " + f.ruleId()));
            }
            if (f.status() == Status.FAIL && f.fix() != null && !f.fix().cli().isEmpty()) {
                out.putIfAbsent(String.join("\n", f.fix().cli()), where + ", " + f.ruleId() + " "
                        + f.resource().id());
            }
        }
    }

    private static Map<String, String> params(RuleDefinition rule, RuleTest t) {
        Map<String, String> out = new LinkedHashMap<>();
        t.params().forEach((k, v) -> {
            List<String> parts = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(x -> parts.add(x.asText()));
            } else {
                parts.add(v.asText());
            }
            out.put(rule.id() + "." + k, String.join(",", parts));
        });
        return out;
    }

    /** The line a user pastes is the command the engine rendered: split by the shell's rules, it gives its words. */
    @Test
    void everyRenderedLineSplitsBackIntoItsWords() {
        if (RENDERED.isEmpty()) {
            printedFixes();
        }
        List<String> wrong = new ArrayList<>();
        RENDERED.forEach((c, where) -> {
            List<ShellWords.Command> split = ShellWords.split(c.line());
            if (split.size() != 1 || !split.get(0).words().equals(c.words())) {
                wrong.add(where + ": " + c.line());
            }
        });
        System.out.println("rendered commands split back into their words: " + (RENDERED.size() - wrong.size())
                + " of " + RENDERED.size());
        assertTrue(RENDERED.size() > 100, "expected over a hundred rendered commands, found " + RENDERED.size());
        assertEquals(List.of(), wrong);
    }

    // ---- the splitter and the model on their own ----

    @Test
    void theSplitterFollowsPosixQuoting() {
        List<ShellWords.Command> c = ShellWords.split("aws s3api put-bucket-policy --bucket 'it'\\''s' "
                + "--policy \"{\\\"a\\\": \\\"$(x 'y')\\\"}\" # a comment\n"
                + "cat > p.json <<'EOF'\n{\"Statement\": [] }\nEOF\naws kms put-key-policy --policy file://p.json"
                + " && echo done | tee out 2>/dev/null");
        assertEquals(List.of("aws", "s3api", "put-bucket-policy", "--bucket", "it's", "--policy",
                "{\"a\": \"$(x 'y')\"}"), c.get(0).words());
        assertEquals(List.of("cat"), c.get(1).words());
        assertEquals(List.of("p.json"), c.get(1).writes());
        assertEquals(List.of("EOF"), c.get(1).hereDocuments());
        assertEquals(List.of("aws", "kms", "put-key-policy", "--policy", "file://p.json"), c.get(2).words());
        assertEquals(List.of("echo", "done"), c.get(3).words());
        assertEquals(List.of("tee", "out"), c.get(4).words());
        assertEquals(List.of("a", "b c"), ShellWords.split("a \\\n\"b c\"").get(0).words());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("aws s3api x --policy '{"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("cat > f <<EOF\nno end"));
    }

    @Test
    void theModelKnowsTheCliNamesAndRequiredParameters() {
        assertEquals("put-bucket-policy", AwsCliModel.kebab("PutBucketPolicy"));
        assertEquals("kms-key-id", AwsCliModel.kebab("KmsKeyId"));
        assertEquals("sns-topic-arns", AwsCliModel.kebab("SnsTopicARNs"));
        assertEquals(List.of(), model.check(List.of("cloudtrail", "update-trail", "--name", "t", "--region",
                "us-east-1", "--enable-log-file-validation")));
        assertEquals(List.of(), model.check(List.of("--region", "eu-west-1", "configservice",
                "start-configuration-recorder", "--configuration-recorder-name", "default")));
        assertEquals(List.of("unknown parameter --bucket-name of s3api put-bucket-policy",
                "missing required parameter --bucket of s3api put-bucket-policy"),
                model.check(List.of("s3api", "put-bucket-policy", "--bucket-name", "b", "--policy", "{}")));
        assertEquals(List.of("unknown operation 'cloudtrail put-trail'"), model.check(List.of("cloudtrail",
                "put-trail")));
        // the AWS CLI's rename of sns subscribe --endpoint (awscli/customizations/argrename.py)
        assertTrue(model.check(List.of("sns", "subscribe", "--topic-arn", "a", "--protocol", "email",
                "--notification-endpoint", "x")).isEmpty());
    }
}
