package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** matches_events and access with a list of actions, end to end through the parser and the evaluator. */
class Pack2PredicatesTest {
    private static final Snapshot SNAPSHOT = Snapshot.read(Path.of("src/test/resources/snapshots/relations-pack2.json"));

    private static RulePack rule(String resource, String require, String... extra) {
        return RulePack.parse("test.yaml", String.join("\n",
                "apiVersion: trailguard/v1", "id: T-01", "title: Test rule", "severity: high",
                "resource: " + resource, "description: test", String.join("\n", extra),
                "require: " + require, "message: \"{{ self.id }} fails\""));
    }

    private static Finding finding(ScanResult r, String idSuffix) {
        return r.findings().stream().filter(f -> f.resource().id().endsWith(idSuffix)).findFirst().orElseThrow();
    }

    @Test
    void aFilterIsJudgedByTheEventsItMatches() {
        String req = "{related: metricFilters, some: {path: $.filterPattern, matches_events: "
                + "{match: [root-console-login, root-api-call], ignore: [iam-user-console-login]}}}";
        ScanResult r = Engine.create().scan(rule("AWS::Logs::LogGroup", req), SNAPSHOT);
        assertThat(finding(r, "log-group:trail-logs").status()).isEqualTo(Status.PASS);
        String tooStrict = "{related: metricFilters, some: {path: $.filterPattern, matches_events: "
                + "{match: [kms-decrypt]}}}";
        Finding f = finding(Engine.create().scan(rule("AWS::Logs::LogGroup", tooStrict), SNAPSHOT), "log-group:trail-logs");
        assertThat(f.status()).isEqualTo(Status.FAIL);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.value()).contains("does not match kms-decrypt"));
        // an absent pattern is unknown, never a pass
        Finding absent = finding(Engine.create().scan(rule("AWS::Logs::LogGroup",
                "{path: $.filterPattern, matches_events: {match: [root-console-login]}}"), SNAPSHOT), "log-group:flows");
        assertThat(absent.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void anInlineEvent() {
        String req = "{related: metricFilters, every: {path: $.filterPattern, matches_events: "
                + "{ignore: [{eventName: Anything, userIdentity: {type: Root}}]}}}";
        // the root filter matches the inline root event it should ignore
        assertThat(finding(Engine.create().scan(rule("AWS::Logs::LogGroup", req), SNAPSHOT), "log-group:trail-logs").status())
                .isEqualTo(Status.FAIL);
    }

    @Test
    void anUnknownSampleEventNameIsAParseProblem() {
        assertThatThrownBy(() -> rule("AWS::Logs::LogGroup",
                "{path: $.x, matches_events: {match: [root-console-logn]}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("did you mean");
    }

    @Test
    void everyActionOfAListIsEvaluatedAndEveryMissingGrantIsInTheFix() {
        String req = "{access: {policy: $.policyDocument, principal: route53.amazonaws.com, "
                + "action: [logs:CreateLogStream, logs:PutLogEvents], "
                + "resource: \"arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/example.com:log-stream:x\"}}";
        RulePack pack = rule("AWS::Logs::ResourcePolicy", req, "fix:", "  summary: grant", "  changes:",
                "    - api: \"logs:PutResourcePolicy\"", "      target: self",
                "      appendEach: {/policyDocument/Statement: \"{{ missing.statements }}\"}");
        ScanResult r = Engine.create().scan(pack, SNAPSHOT);
        Finding f = finding(r, "resource-policy/route53");
        assertThat(f.status()).isEqualTo(Status.FAIL);
        String line = f.fix().cli().get(0);
        assertThat(line).startsWith("aws logs put-resource-policy --policy-name ")
                .contains("logs:CreateLogStream").contains("logs:PutLogEvents").endsWith("--region us-east-1");
    }
}
