package io.trailguard.core.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleParser} directly: one sealed variant per meaning, every name resolved in its own scope against the
 * scope's type (so whatever it accepts the engine can run), and every problem at its file:line:col with a hint.
 */
class RuleParserTest {

    /** A rule whose require starts on line 7, column 10. */
    private static String rule(String resource, String require) {
        return String.join("\n", "apiVersion: trailguard/v1", "id: T-01", "title: Test", "severity: low",
                "resource: " + resource, "description: test", "require: " + require, "message: fails", "");
    }

    private static RuleDefinition parse(String resource, String require) {
        return RuleParser.parse("t.yaml", rule(resource, require), null);
    }

    private static List<Problem> problems(String resource, String require) {
        try {
            parse(resource, require);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("no problem in " + require);
    }

    @Test
    void eachMeaningIsItsOwnVariant() {
        Condition.Presence exists = (Condition.Presence) parse("AWS::S3::Bucket", "{path: $.Policy, exists: true}").require();
        assertThat(exists.present()).isTrue();
        assertThat(exists.left().text()).isEqualTo("$.Policy");
        assertThat(exists.pointer()).isEqualTo("/require");
        assertThat(((Condition.Presence) parse("AWS::S3::Bucket", "{path: $.Policy, exists: false}").require()).present()).isFalse();
        assertThat(((Condition.Presence) parse("AWS::S3::Bucket", "{path: $.Policy, absent: true}").require()).present()).isFalse();
        assertThat(parse("AWS::S3::Bucket", "{path: $.Name, size: {at_least: 3}}").require()).isInstanceOf(Condition.Size.class);
        Condition.Compare m = (Condition.Compare) parse("AWS::S3::Bucket", "{path: $.Name, matches: '^logs-'}").require();
        assertThat(m.operand()).isInstanceOf(Operand.Regex.class);
        assertThat(parse("AWS::CloudTrail::Trail", "{related: bucket, that: {path: $.Name, exists: true}}").require())
                .isInstanceOf(Condition.RelatedThat.class);
        Condition.RelatedEach each = (Condition.RelatedEach) parse("AWS::KMS::Key", "{related: trails, none: {path: $.Name, equals: x}}").require();
        assertThat(each.quantifier()).isEqualTo(Condition.Quantifier.NONE);
        Condition.RelatedCount count = (Condition.RelatedCount) parse("AWS::S3::Bucket",
                "{related: trails, count: {at_most: 1}, distinct: $.TrailARN}").require();
        assertThat(count.distinct().text()).isEqualTo("$.TrailARN");
        assertThat(count.source()).isInstanceOf(Name.Follow.class);
        Condition.Access a = (Condition.Access) parse("AWS::S3::Bucket", "{access: {principal: cloudtrail.amazonaws.com, "
                + "action: [s3:PutObject, s3:GetBucketAcl], resource: x}, is: explicitly_denied}").require();
        assertThat(a.actions()).extracting(Template::source).containsExactly("s3:PutObject", "s3:GetBucketAcl");
        assertThat(a.expect()).isEqualTo(Condition.Expect.EXPLICITLY_DENIED);
        assertThat(a.policy().of()).isNull();
    }

    @Test
    void namesResolveInTheScopeWhereTheyAppear() {
        // on a key, inside related: trails, 'bucket' is the trail's relation (depth 1) and 'trails' the element
        Condition.RelatedThat that = (Condition.RelatedThat) parse("AWS::KMS::Key",
                "{related: trails, that: {access: {policy: {of: bucket}, principal: \"{{ trails.TrailARN }}\", action: s3:PutObject, "
                        + "resource: \"arn:aws:s3:::{{ bucket.Name }}/{{ self.KeyId }}\"}}}").require();
        Condition.Access a = (Condition.Access) that.that();
        Name.Follow bucket = (Name.Follow) a.policy().of();
        assertThat(bucket.depth()).isEqualTo(1);
        assertThat(bucket.relation("AWS::CloudTrail::Trail").name()).isEqualTo("bucket");
        assertThat(a.principal().expressions().get(0).name()).isEqualTo(new Name.Element("trails", 1));
        assertThat(a.resource().expressions()).extracting(Template.Expression::name)
                .containsExactly(bucket, Name.Root.SELF);
    }

    @Test
    void aNameUnknownForTheSubjectsTypeIsAParseErrorNotAScanFailure() {
        // public: {of: vpc} on a trail passed validate and then aborted the scan with exit 3
        List<Problem> ps = problems("AWS::CloudTrail::Trail", "{public: {of: vpc}}");
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).message()).startsWith("unknown name 'vpc' for AWS::CloudTrail::Trail")
                .contains("known here: self, bucket, knownBucket, kmsKey");
        assertThat(ps.get(0).line()).isEqualTo(7);
        assertThat(ps.get(0).column()).isEqualTo(24);
        assertThat(problems("AWS::CloudTrail::Trail", "{public: {of: bukcet}}").get(0).message()).contains("(did you mean 'bucket'?)");
        assertThat(problems("AWS::CloudTrail::Trail", "{access: {identity: cloudWatchLogRole, action: a, resource: r}}")
                .get(0).message()).contains("(did you mean 'cloudWatchLogsRole'?)");
    }

    @Test
    void aTemplateNameIsCheckedAgainstItsOwnScope() {
        // 'bucket' is no relation of a key: only inside related: trails does it name something
        Problem p = problems("AWS::KMS::Key", "{value: \"{{ bucket.Name }}\", equals: x}").get(0);
        assertThat(p.message()).startsWith("unknown name 'bucket' in {{ bucket.Name }} for AWS::KMS::Key");
        assertThat(p.format()).startsWith("t.yaml:7:18: ");
        assertThat(problems("AWS::CloudTrail::Trail", "{value: \"{{ buckte.Name }}\", equals: x}").get(0).message())
                .contains("(did you mean 'bucket'?)");
        assertThat(problems("AWS::CloudTrail::Trail", "{value: \"{{ params.nope }}\", equals: x}").get(0).message())
                .startsWith("unknown parameter 'nope'");
    }

    @Test
    void everyProblemHasItsPosition() {
        String text = String.join("\n", "apiVersion: trailguard/v1", "id: T-01", "title: Test", "severity: low",
                "resource: AWS::CloudTrail::Trail", "description: test",
                "require:",
                "  all:",
                "    - {path: $.IsLogging, equal: true}",
                "    - {related: buckets, exists: true}",
                "    - {path: '$.Tags[*]', equals: x}",
                "message: fails", "");
        assertThatThrownBy(() -> RuleParser.parse("t.yaml", text, null)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p.message().split(";")[0])
                        .containsExactly(
                                "9:27 unknown operator or key 'equal' (did you mean 'equals'?)",
                                "10:8 unknown relation 'buckets' for AWS::CloudTrail::Trail (did you mean 'bucket'?)",
                                "11:14 the path $.Tags[*] can select several values: say which must hold with every, some or none, e.g. {path: $.Tags[*], some: {equals: ...}}"));
    }

    @Test
    void aLetBindingIsASlotAndItsWhereIsOneScopeDeeper() {
        String text = rule("AWS::KMS::Key", "{related: logging, exists: true}").replace("require:",
                "let: {logging: {related: trails, where: {value: \"{{ logging.Name }}{{ bucket.Name }}\", equals: x}}}\nrequire:");
        RuleDefinition r = RuleParser.parse("t.yaml", text, null);
        RuleDefinition.LetBinding let = r.lets().get("logging");
        assertThat(let.slot()).isZero();
        Template t = ((Condition.ValueSelection) ((Condition.Compare) let.where()).left()).template();
        assertThat(t.expressions()).extracting(e -> e.name().getClass().getSimpleName())
                .containsExactly("Element", "Follow");
        assertThat(((Condition.RelatedExists) r.require()).source()).isEqualTo(new Name.Let("logging", 0));
    }

    @Test
    void eachNamesTheElementOfAChangesForEachListAndNothingElsewhere() {
        String change = String.join("\n", "fix:", "  summary: log the zone's VPCs", "  changes:",
                "    - api: route53resolver:AssociateResolverQueryLogConfig", "FOREACH",
                "      create:", "        type: AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
                "        id: \"planned-{{ each.VPCId }}\"", "        account: \"{{ self.accountId }}\"",
                "        region: \"{{ each.VPCRegion }}\"", "        configuration: {ResourceId: \"{{ each.VPCId }}\"}", "");
        String base = rule("AWS::Route53::HostedZone", "{path: $.VPCs, size: {at_least: 1}}");
        RuleDefinition ok = RuleParser.parse("t.yaml", base + change.replace("FOREACH", "      forEach: {list: /VPCs}"), null);
        assertThat(ok.fix().changes().get(0).forEach().list()).isEqualTo("/VPCs");
        List<Problem> ps;
        try {
            RuleParser.parse("t.yaml", base + change.replace("FOREACH\n", ""), null);
            throw new AssertionError("each outside a forEach was accepted");
        } catch (InvalidInputException e) {
            ps = e.problems();
        }
        assertThat(ps).isNotEmpty().allSatisfy(p -> assertThat(p.message()).startsWith("unknown name 'each'"));
    }
}
