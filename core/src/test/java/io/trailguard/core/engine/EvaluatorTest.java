package io.trailguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailguard.core.Finding;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Name;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleParser;
import io.trailguard.core.engine.Outcome.Value;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Evaluator} directly, family by family: true, false and unknown, with the reason; names in their scope; values
 * of the wrong JSON type; relations that could not be read. The snapshot is {@code evaluator.json} beside this test.
 */
class EvaluatorTest {
    private static final String MAIN = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
    private static final String DENIED_ROLE = "arn:aws:cloudtrail:us-east-1:333333333333:trail/denied-role";
    private static final String NO_ROLE = "arn:aws:cloudtrail:us-east-1:111111111111:trail/no-role";
    private static final String HALF_READ = "arn:aws:cloudtrail:us-east-1:111111111111:trail/half-read";
    private static final String KEY = "arn:aws:kms:us-east-1:222222222222:key/k1";
    private static final SnapshotIndex INDEX = Snapshot.read(
            Path.of("src/test/resources/io/trailguard/core/engine/evaluator.json")).index();

    private static RuleDefinition rule(String resource, String lets, String require) {
        return RuleParser.parse("t.yaml", String.join("\n", "apiVersion: trailguard/v1", "id: T-01", "title: Test",
                "severity: low", "resource: " + resource, "description: test", lets, "require: " + require,
                "message: fails"), null);
    }

    private static Outcome eval(RuleDefinition rule, String subjectId) {
        ResourceNode subject = INDEX.resources().stream().filter(r -> r.id().equals(subjectId)).findFirst().orElseThrow();
        Evaluator ev = new Evaluator(rule, INDEX, JsonNodeFactory.instance.objectNode(), subject, new RelationCache());
        return ev.eval(rule.require(), ev.root());
    }

    private static Outcome trail(String require, String subjectId) {
        return eval(rule("AWS::CloudTrail::Trail", "", require), subjectId);
    }

    private static void isUnknown(Outcome o, UnknownReason.Code code, String detailPart) {
        assertThat(o.value()).isEqualTo(Value.UNKNOWN);
        assertThat(o.unknown().code()).isEqualTo(code);
        assertThat(o.unknown().detail()).contains(detailPart);
    }

    @Nested
    class Comparisons {
        @Test
        void trueFalseAndAbsentWithoutADefaultIsUnknown() {
            assertThat(trail("{path: $.IsMultiRegionTrail, equals: true}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail("{path: $.IsMultiRegionTrail, equals: true}", NO_ROLE).value()).isEqualTo(Value.FALSE);
            isUnknown(trail("{path: $.LogFileValidationEnabled, equals: true}", MAIN), UnknownReason.Code.MISSING_FIELD,
                    "$.LogFileValidationEnabled is absent");
            assertThat(trail("{path: $.LogFileValidationEnabled, equals: true, default: false}", MAIN).value())
                    .isEqualTo(Value.FALSE);
        }

        @Test
        void aValueOfAnotherJsonTypeIsUnknownNamingFieldAndPointer() {
            // "true" where DescribeTrails returns a boolean: neither equal nor unequal to true
            for (String op : List.of("equals", "not_equals")) {
                isUnknown(trail("{path: $.IncludeGlobalServiceEvents, " + op + ": true}", MAIN), UnknownReason.Code.WRONG_TYPE,
                        "$.IncludeGlobalServiceEvents (JSON pointer /IncludeGlobalServiceEvents) of " + MAIN
                                + " is a string (\"true\") where the rule expects a boolean");
            }
            isUnknown(trail("{path: $.IncludeGlobalServiceEvents, in: [true, false]}", MAIN), UnknownReason.Code.WRONG_TYPE,
                    "expects a boolean");
            // a numeric comparison of a numeric string
            isUnknown(trail("{path: $.RetentionDays, at_least: 30}", MAIN), UnknownReason.Code.WRONG_TYPE, "expects a number");
            // the text operators need a string
            isUnknown(trail("{path: $.IsMultiRegionTrail, starts_with: tr}", MAIN), UnknownReason.Code.WRONG_TYPE,
                    "expects a string");
            // an element of a list of objects that is a string
            isUnknown(trail("{path: $.EventSelectors, every: {path: $.IncludeManagementEvents, equals: true}}", MAIN),
                    UnknownReason.Code.WRONG_TYPE, "$.EventSelectors[1] (JSON pointer /EventSelectors/1)");
            // a list with members of both types matches by the value's type
            assertThat(trail("{path: $.IncludeGlobalServiceEvents, in: [true, \"true\"]}", MAIN).value()).isEqualTo(Value.TRUE);
        }

        @Test
        void presenceIsNeverUnknownForAnAbsentFieldButIsForAnUnreadOne() {
            assertThat(trail("{path: $.KmsKeyId, exists: true}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail("{path: $.KmsKeyId, exists: true}", NO_ROLE).value()).isEqualTo(Value.FALSE);
            assertThat(trail("{path: $.KmsKeyId, absent: true}", NO_ROLE).value()).isEqualTo(Value.TRUE);
            isUnknown(trail("{path: $.Status.IsLogging, exists: true}", DENIED_ROLE), UnknownReason.Code.THROTTLED,
                    "GetTrailStatus");
        }

        @Test
        void sizeCountsListsAndRejectsScalarsOfAnotherType() {
            assertThat(trail("{path: $.Tags, size: {at_least: 3}}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail("{path: $.Tags, size: {at_most: 2}}", MAIN).value()).isEqualTo(Value.FALSE);
            isUnknown(trail("{path: $.IsMultiRegionTrail, size: {at_least: 1}}", MAIN), UnknownReason.Code.WRONG_TYPE,
                    "expects a list, an object or a string");
        }

        @Test
        void olderThanComparesWithTheCaptureTime() {
            assertThat(trail("{path: $.Status.LatestDeliveryTime, older_than: 1h}", MAIN).value()).isEqualTo(Value.FALSE);
            assertThat(trail("{path: $.Status.LatestDeliveryTime, older_than: 10m}", MAIN).value()).isEqualTo(Value.TRUE);
        }
    }

    @Nested
    class Quantifiers {
        @Test
        void everySomeNone() {
            assertThat(trail("{path: $.Tags, some: {path: $, equals: b}}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail("{path: $.Tags, every: {path: $, equals: b}}", MAIN).value()).isEqualTo(Value.FALSE);
            assertThat(trail("{path: $.Tags, none: {path: $, equals: z}}", MAIN).value()).isEqualTo(Value.TRUE);
            // an absent list has no elements
            assertThat(trail("{path: $.Absent, every: {path: $, equals: z}}", MAIN).value()).isEqualTo(Value.TRUE);
        }
    }

    @Nested
    class Related {
        @Test
        void thatExistsAndCount() {
            assertThat(trail("{related: bucket, that: {path: $.Name, equals: logs}}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail("{related: bucket, that: {path: $.Name, equals: other}}", MAIN).value()).isEqualTo(Value.FALSE);
            assertThat(trail("{related: kmsKey, exists: true}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(eval(rule("AWS::KMS::Key", "", "{related: trails, count: {equals: 1}, distinct: $.S3BucketName}"), KEY)
                    .value()).isEqualTo(Value.TRUE);
        }

        @Test
        void aRelationWhoseListingWasDeniedIsUnknownNotAbsent() {
            isUnknown(trail("{related: cloudWatchLogsRole, exists: true}", DENIED_ROLE), UnknownReason.Code.ACCESS_DENIED,
                    "ListRoles");
            isUnknown(trail("{related: cloudWatchLogsRole, that: {path: $.RoleName, equals: to-logs}}", DENIED_ROLE),
                    UnknownReason.Code.ACCESS_DENIED, "ListRoles");
            // where every listing succeeded, a role nobody found is surely absent
            assertThat(trail("{related: cloudWatchLogsRole, exists: true}", NO_ROLE).value()).isEqualTo(Value.FALSE);
        }

        @Test
        void aNameInsideRelatedResolvesInTheRelatedScope() {
            // on a key, 'bucket' is no relation; inside related: trails it is the trail's bucket
            RuleDefinition r = rule("AWS::KMS::Key", "", "{related: trails, every: {value: \"{{ bucket.Name }}/{{ trails.Name }}/{{ self.KeyId }}\", equals: logs/main/k1}}");
            assertThat(eval(r, KEY).value()).isEqualTo(Value.TRUE);
            Condition.RelatedEach each = (Condition.RelatedEach) r.require();
            var value = ((Condition.ValueSelection) ((Condition.Compare) each.each()).left()).template();
            assertThat(value.expressions()).extracting(e -> e.name().getClass().getSimpleName() + "@"
                    + (e.name() instanceof Name.Follow f ? f.depth() : e.name() instanceof Name.Element el ? el.depth() : 0))
                    .containsExactly("Follow@1", "Element@1", "Root@0");
        }

        @Test
        void aLetBindingIsFilteredOnceAndUsedLikeARelation() {
            RuleDefinition r = rule("AWS::KMS::Key",
                    "let: {loggingTrails: {related: trails, where: {path: $.Status.IsLogging, equals: true}}}",
                    "{related: loggingTrails, count: {at_least: 1}}");
            assertThat(eval(r, KEY).value()).isEqualTo(Value.TRUE);
            assertThat(((Condition.RelatedCount) r.require()).source()).isEqualTo(new Name.Let("loggingTrails", 0));
        }
    }

    @Nested
    class Policies {
        private static final String PUT = "{access: {policy: {of: bucket}, principal: cloudtrail.amazonaws.com, action: s3:PutObject, "
                + "resource: \"arn:aws:s3:::logs/AWSLogs/{{ self.accountId }}/x.json.gz\", context: {s3:x-amz-acl: %s}}, is: %s}";

        @Test
        void accessAllowedDeniedAndExplicitlyDenied() {
            assertThat(trail(PUT.formatted("bucket-owner-full-control", "allowed"), MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail(PUT.formatted("private", "allowed"), MAIN).value()).isEqualTo(Value.FALSE);
            assertThat(trail(PUT.formatted("private", "denied"), MAIN).value()).isEqualTo(Value.TRUE);
            // nothing denies it explicitly: no statement matches
            assertThat(trail(PUT.formatted("private", "explicitly_denied"), MAIN).value()).isEqualTo(Value.FALSE);
        }

        @Test
        void anIdentityRoleWhoseListingWasDeniedIsUnknownNotDenied() {
            String q = "{access: {identity: cloudWatchLogsRole, action: logs:PutLogEvents, "
                    + "resource: \"arn:aws:logs:us-east-1:{{ self.accountId }}:log-group:trail:log-stream:x\"}}";
            assertThat(trail(q, MAIN).value()).isEqualTo(Value.TRUE);
            isUnknown(trail(q, DENIED_ROLE), UnknownReason.Code.ACCESS_DENIED, "ListRoles");
            // a role surely absent allows nothing
            assertThat(trail(q, NO_ROLE).value()).isEqualTo(Value.FALSE);
            // an attached policy whose document is missing is not skipped (its Allow would read as a denial)
            isUnknown(trail(q, HALF_READ), UnknownReason.Code.MISSING_FIELD,
                    "$.AttachedManagedPolicies[0].PolicyDocument (policy logs-writer) is absent");
        }

        @Test
        void aRequestNamingAResourceOfAnUnreadRelationIsUnknown() {
            String q = "{access: {policy: {of: self, path: $.Policy}, principal: cloudtrail.amazonaws.com, action: s3:PutObject, "
                    + "resource: \"{{ cloudWatchLogsRole.Arn }}\"}}";
            isUnknown(eval(rule("AWS::CloudTrail::Trail", "", q), DENIED_ROLE), UnknownReason.Code.ACCESS_DENIED, "ListRoles");
        }

        @Test
        void publicAndWhoMay() {
            assertThat(eval(rule("AWS::S3::Bucket", "", "{public: {of: self, path: $.Policy}}"), "arn:aws:s3:::logs").value())
                    .isEqualTo(Value.TRUE);
            assertThat(eval(rule("AWS::KMS::Key", "", "{public: {of: self}}"), KEY).value()).isEqualTo(Value.FALSE);
            assertThat(eval(rule("AWS::S3::Bucket", "", "{who_may: {action: s3:GetObject, resource: 'arn:aws:s3:::logs/x'}, "
                    + "some: {path: $.breadth, equals: EVERYONE}}"), "arn:aws:s3:::logs").value()).isEqualTo(Value.TRUE);
            // the policy of a relation that could not be read
            isUnknown(trail("{public: {of: cloudWatchLogsRole, path: $.AssumeRolePolicyDocument}}", DENIED_ROLE),
                    UnknownReason.Code.ACCESS_DENIED, "ListRoles");
        }
    }

    @Nested
    class Events {
        @Test
        void matchesEventsJudgesThePatternAndAStringOnly() {
            assertThat(trail("{path: $.FilterPattern, matches_events: {match: [{eventName: ConsoleLogin, userIdentity: {type: Root}}], "
                    + "ignore: [{eventName: ConsoleLogin, userIdentity: {type: IAMUser}}]}}", MAIN).value()).isEqualTo(Value.TRUE);
            assertThat(trail("{path: $.FilterPattern, matches_events: {match: [{eventName: GetObject}]}}", MAIN).value())
                    .isEqualTo(Value.FALSE);
            isUnknown(trail("{path: $.IsMultiRegionTrail, matches_events: {match: [{eventName: GetObject}]}}", MAIN),
                    UnknownReason.Code.WRONG_TYPE, "expects a filter pattern");
        }
    }

    @Test
    void aFailureInsideTheEngineIsOneUnknownFindingAndTheOtherSubjectsAreEvaluated() {
        RuleDefinition parsed = rule("AWS::CloudTrail::Trail", "", "{related: bucket, exists: true}");
        // a relation the parser would have rejected ('vpc' is no relation of a trail): following it throws
        Condition broken = new Condition.All(List.of(new Condition.Presence(new Condition.PathSelection(
                io.trailguard.core.dsl.PathSelector.compile("$.KmsKeyId")), true, null, "/require/all/0"),
                new Condition.RelatedExists(new Name.Follow("vpc", 0, Map.of(), false), null, true, null, "/require/all/1")),
                null, "/require");
        RuleDefinition r = new RuleDefinition(parsed.id(), parsed.title(), parsed.severity(), parsed.scope(),
                parsed.resourceTypes(), parsed.description(), parsed.references(), parsed.params(), parsed.lets(),
                null, broken, parsed.message(), null, null, List.of(), null, Map.of());
        List<Finding> findings = new RuleRunner(INDEX).run(r, JsonNodeFactory.instance.objectNode());
        assertThat(findings).extracting(f -> f.resource().id() + " " + f.status())
                .containsExactly(MAIN + " UNKNOWN", DENIED_ROLE + " FAIL", NO_ROLE + " FAIL", HALF_READ + " FAIL");
        Finding f = findings.get(0);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.EVALUATION_ERROR);
        assertThat(f.unknown().detail()).startsWith("evaluating rule T-01 for " + MAIN + " failed: NullPointerException");
        assertThat(f.message()).startsWith("Could not check: ");
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    }
}
