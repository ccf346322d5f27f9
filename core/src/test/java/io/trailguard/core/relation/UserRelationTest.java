package io.trailguard.core.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.SnapshotIndex;
import io.trailguard.core.testing.RuleTestResult;
import io.trailguard.core.testing.RuleTestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user declares a relation in a relations.yaml beside their rule (alarm → the SNS topics of its OKActions, in any
 * account) and the rule follows it, with no Java; names are resolved when the rule is parsed.
 */
class UserRelationTest {
    private static final Path DIR = Path.of("src/test/resources/user-relations");

    @Test
    void aRelationDeclaredBesideTheRuleIsFollowedByItsTests() {
        RulePack pack = RulePack.load(DIR);
        assertThat(pack.rules()).extracting(r -> r.id()).containsExactly("USR-01");
        List<RuleTestResult> results = RuleTestRunner.run(pack);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).failures()).isEmpty();
        assertThat(pack.explain("USR-01").orElseThrow())
                .contains("okTopics: the SNS topics among the alarm's OKActions, in any account of the snapshot");
    }

    @Test
    void aRuleFileGivenByNameFindsTheRelationsBesideIt() {
        assertThat(RulePack.load(DIR.resolve("USR-01.yaml")).size()).isEqualTo(1);
    }

    @Test
    void withoutTheDeclarationTheNameIsAParseErrorAtItsPosition(@TempDir Path tmp) throws IOException {
        Files.copy(DIR.resolve("USR-01.yaml"), tmp.resolve("USR-01.yaml"));
        assertThatThrownBy(() -> RulePack.load(tmp)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).map(Problem::format)
                        .anyMatch(p -> p.contains("USR-01.yaml:9:") && p.contains("unknown relation 'okTopics' for "
                                + "AWS::CloudWatch::Alarm")));
    }

    /** An alarm whose OKActions is a string, not the list DescribeAlarms returns, and the topic it names. */
    private static final String MISTYPED = """
            {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z", "accounts": ["111111111111"],
             "resources": [
              {"type": "AWS::CloudWatch::Alarm", "id": "arn:aws:cloudwatch:us-east-1:111111111111:alarm:mistyped",
               "accountId": "111111111111", "region": "us-east-1",
               "configuration": {"AlarmName": "mistyped", "OKActions": "arn:aws:sns:us-east-1:111111111111:ops"}},
              {"type": "AWS::SNS::Topic", "id": "arn:aws:sns:us-east-1:111111111111:ops", "accountId": "111111111111",
               "region": "us-east-1", "configuration": {"TopicArn": "arn:aws:sns:us-east-1:111111111111:ops"}}
             ]}""";

    @Test
    void aWrongTypedFieldOfAUserRelationIsUnknownWithWrongTypeNotAbsent() {
        Finding f = Engine.create().keepingNotApplicable().scan(RulePack.load(DIR), Snapshot.parse(MISTYPED, "test"))
                .findings().get(0);
        assertThat(f.status()).as("an alarm whose OKActions cannot be read is not an alarm without OK actions")
                .isEqualTo(Status.UNKNOWN);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.WRONG_TYPE);
        assertThat(f.unknown().detail()).contains("$.OKActions (JSON pointer /OKActions) of "
                + "arn:aws:cloudwatch:us-east-1:111111111111:alarm:mistyped is a string").contains("where AWS returns a list");
    }

    @Test
    void anInverseOfAUserRelationIsUnknownWhenAnyOfTheFieldsItInvertsIsWrongTyped() throws IOException {
        RelationSet set = RelationsFile.load("relations.yaml", Files.readString(DIR.resolve("relations.yaml")) + """
                  - name: okAlarms
                    from: AWS::SNS::Topic
                    to: AWS::CloudWatch::Alarm
                    description: the alarms that notify the topic when they recover
                    inverse: okTopics
                    sought: alarms notifying {id} on recovery
                """, Relations.builtin());
        SnapshotIndex ix = Snapshot.parse(MISTYPED, "test").index();
        RelationResult r = set.find("okAlarms", SnapshotIndex.TOPIC).orElseThrow()
                .resolve(ix, ix.get(SnapshotIndex.TOPIC, "arn:aws:sns:us-east-1:111111111111:ops").orElseThrow());
        assertThat(r.isSurelyEmpty()).as("a topic an alarm may name is not a topic without alarms").isFalse();
        assertThat(r.gap().code()).isEqualTo(UnknownReason.Code.WRONG_TYPE);
        assertThat(r.gap().detail()).contains("/OKActions").contains("whether it names arn:aws:sns:us-east-1:111111111111:ops");
    }

    @Test
    void aBadDeclarationNamesItsFileLineAndColumn(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("relations.yaml"), """
                relations:
                  - name: okTopics
                    from: AWS::CloudWatch::Alarm
                    to: AWS::SNS::Topic
                    description: the topics of its OKActions
                    forward: {by: "OKActions[]", key: topicArn, what: topic}
                    sought: topics of {id}
                  - name: topicChain
                    from: AWS::CloudWatch::Alarm
                    to: AWS::SNS::Topic
                    description: a chain through a relation that does not exist
                    chain: [snsTopics, subscriptions]
                  - name: bucket
                    from: AWS::CloudTrail::Trail
                    to: AWS::S3::Bucket
                    description: a second bucket relation of trails
                    inverse: trails
                    sought: again
                """);
        assertThatThrownBy(() -> RulePack.load(tmp)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).map(Problem::format)
                        .anySatisfy(p -> assertThat(p).contains("relations.yaml:6:").contains("unknown key kind 'topicArn'"))
                        .anySatisfy(p -> assertThat(p).contains("relations.yaml:12:")
                                .contains("unknown relation 'subscriptions' for AWS::SNS::Topic"))
                        .anySatisfy(p -> assertThat(p).contains("relations.yaml:13:")
                                .contains("relation 'bucket' from AWS::CloudTrail::Trail is already declared")));
    }
}
