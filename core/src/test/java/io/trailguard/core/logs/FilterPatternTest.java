package io.trailguard.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode ev(String name) {
        return SampleEvents.get(name).orElseThrow();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String CIS_ROOT =
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";
    private static final String CIS_TRAIL = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || "
            + "($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }";
    private static final String CIS_UNAUTHORIZED = "{($.errorCode =\"*UnauthorizedOperation\") || ($.errorCode =\"AccessDenied*\") "
            + "&& ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\")}";
    private static final String CIS_KMS = "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";

    @Test
    void cisRootUsageMatchesRootSignInsAndRootCallsOnly() {
        FilterPattern p = FilterPattern.parse(CIS_ROOT);
        assertThat(p.isJson()).isTrue();
        assertThat(p.matches(ev("root-console-login"))).isTrue();
        assertThat(p.matches(ev("root-console-login-failed"))).isTrue();
        assertThat(p.matches(ev("root-api-call"))).isTrue();
        assertThat(p.matches(ev("iam-user-console-login"))).isFalse();
        assertThat(p.matches(ev("aws-service-event"))).isFalse();
        assertThat(p.matches(ev("sts-assume-role"))).isFalse();
    }

    @Test
    void aPatternOnTheWrongFieldMatchesNothingOfInterest() {
        FilterPattern p = FilterPattern.parse("{ $.userIdentity.type = \"root\" }");   // case matters
        assertThat(p.matches(ev("root-console-login"))).isFalse();
        FilterPattern q = FilterPattern.parse("{ $.eventName = \"ConsoleLogin\" }");
        assertThat(q.matches(ev("root-console-login"))).isTrue();
        assertThat(q.matches(ev("iam-user-console-login"))).isTrue();   // too broad: matches ordinary users too
    }

    @Test
    void cisTrailChangesMatchTheRecordedChanges() {
        FilterPattern p = FilterPattern.parse(CIS_TRAIL);
        for (String e : new String[] {"stop-logging", "delete-trail", "update-trail", "create-trail"}) {
            assertThat(p.matches(ev(e))).as(e).isTrue();
        }
        assertThat(p.matches(ev("put-event-selectors"))).isFalse();
        assertThat(p.matches(ev("get-event-selectors"))).isFalse();
    }

    @Test
    void wildcardsAndPrecedence() {
        FilterPattern p = FilterPattern.parse(CIS_UNAUTHORIZED);
        assertThat(p.matches(ev("ec2-unauthorized-operation"))).isTrue();
        assertThat(p.matches(ev("iam-access-denied"))).isTrue();
        assertThat(p.matches(ev("iam-authorized-call"))).isFalse();
        assertThat(p.matches(ev("root-console-login"))).isFalse();
        // && binds tighter than ||: an AccessDenied HeadBucket still matches through the first alternative? no:
        // the first alternative is UnauthorizedOperation only, so HeadBucket AccessDenied is excluded.
        assertThat(p.matches(json("{'errorCode':'AccessDenied','eventName':'HeadBucket','sourceIPAddress':'1.2.3.4'}"))).isFalse();
        assertThat(p.matches(json("{'errorCode':'Client.UnauthorizedOperation','eventName':'HeadBucket'}"))).isTrue();
        assertThat(FilterPattern.parse(CIS_KMS).matches(ev("kms-disable-key"))).isTrue();
        assertThat(FilterPattern.parse(CIS_KMS).matches(ev("kms-schedule-key-deletion"))).isTrue();
        assertThat(FilterPattern.parse(CIS_KMS).matches(ev("kms-decrypt"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "{ $.n = 5 }=>true", "{ $.n != 5 }=>false", "{ $.n > 4 }=>true", "{ $.n < 5 }=>false", "{ $.n >= 5 }=>true",
            "{ $.n <= 4.5 }=>false", "{ $.s = \"ab*\" }=>true", "{ $.s = *c }=>true", "{ $.s = \"abd\" }=>false",
            "{ $.s != \"x\" }=>true", "{ $.missing != \"x\" }=>true", "{ $.missing = \"x\" }=>false",
            "{ $.missing NOT EXISTS }=>true", "{ $.s NOT EXISTS }=>false", "{ $.z IS NULL }=>true", "{ $.s IS NULL }=>false",
            "{ $.missing IS NULL }=>false", "{ $.t IS TRUE }=>true", "{ $.t IS FALSE }=>false", "{ $.f is false }=>true",
            "{ $.a[1] = \"y\" }=>true", "{ $.a[5] = \"y\" }=>false", "{ $.o.p[0].q = 1 }=>true", "{ $.s = %^a.c$% }=>true",
            "{ $.s = %^b% }=>false", "{ ($.n = 1 || $.n = 5) && $.s = abc }=>true", "{ $.n = 1 || $.n = 2 && $.s = abc }=>false",
            "{ $.s EXISTS }=>true", "{ $.n > 4 && ($.t IS TRUE) }=>true"})
    void operators(String pattern, boolean expected) {
        JsonNode e = json("{'n':5,'s':'abc','z':null,'t':true,'f':false,'a':['x','y'],'o':{'p':[{'q':1}]}}");
        assertThat(FilterPattern.parse(pattern).matches(e)).as(pattern).isEqualTo(expected);
    }

    @Test
    void plainTerms() {
        assertThat(FilterPattern.parse("").matches(ev("kms-decrypt"))).isTrue();
        assertThat(FilterPattern.parse("ConsoleLogin Root").matches(ev("root-console-login"))).isTrue();
        assertThat(FilterPattern.parse("ConsoleLogin -Root").matches(ev("root-console-login"))).isFalse();
        assertThat(FilterPattern.parse("?StopLogging ?DeleteTrail").matches(ev("delete-trail"))).isTrue();
        assertThat(FilterPattern.parse("?StopLogging ?DeleteTrail").matches(ev("kms-decrypt"))).isFalse();
        assertThat(FilterPattern.parse("\"\\\"eventName\\\":\\\"ConsoleLogin\\\"\"").supported()).isTrue();
        assertThat(FilterPattern.parse("\"Failed authentication\"").matches(ev("root-console-login-failed"))).isTrue();
        assertThat(FilterPattern.parse("ERROR").matches("an ERROR here")).isTrue();
        assertThat(FilterPattern.parse("%AUTHORIZED%").matches("[ERROR 401] UNAUTHORIZED REQUEST")).isTrue();
        assertThat(FilterPattern.parse("%^Root$%").matches("not root")).isFalse();
        assertThat(FilterPattern.parse("%StopLogging|DeleteTrail%").matches(ev("delete-trail"))).isTrue();
        assertThat(FilterPattern.parse("{ $.a = 1 }").matches("{\"a\": 1}")).isTrue();
        assertThat(FilterPattern.parse("{ $.a = 1 }").matches("not json")).isFalse();
    }

    @Test
    void spaceDelimitedIsRecognisedButNotEvaluated() {
        FilterPattern p = FilterPattern.parse("[ip, user, username, timestamp, request, status_code = 404, bytes]");
        assertThat(p.supported()).isFalse();
        assertThatThrownBy(() -> p.matches(ev("kms-decrypt"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ $.a = 1|'}'", "$.a = 1 }|", "{ a = 1 }|property selector", "{ $.a ~ 1 }|operator", "{ $.a > x }|number",
            "{ ($.a = 1 }|')'", "{ $.a = \"x }|closing", "{ $. = 1 }|property name", "{ $.a[x] = 1 }|array index",
            "{ $.a = 1 } extra|end of the pattern", "{ $.a = %(% }|regular expression", "{ $.a = 1 && }|property selector"})
    void malformedPatternsSayWhere(String pattern, String expected) {
        if (!pattern.startsWith("{")) {
            // not a JSON pattern: a plain term pattern, which is valid
            assertThat(FilterPattern.parse(pattern).isJson()).isFalse();
            return;
        }
        assertThatThrownBy(() -> FilterPattern.parse(pattern)).isInstanceOf(FilterPatternException.class)
                .hasMessageContaining(expected);
    }

    /**
     * The selectors of "Using filter patterns to match terms in JSON log events"
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#matching-terms-json-log-events),
     * over an event shaped like that page's example: dotted names, a bracketed name with a dot in it, index, and the
     * wildcards {@code $.*} and {@code [*]}.
     */
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "{ $.eventType = \"UpdateTrail\" }=>true", "{ $.sourceIPAddress != 123.123.* }=>true",
            "{ $.arrayKey[0] = \"value\" }=>true", "{ $.objectList[1].id = 2 }=>true", "{ $.SomeObject IS NULL }=>true",
            "{ $.SomeOtherObject NOT EXISTS }=>true", "{ $.ThisFlag IS TRUE }=>true",
            "{ $.['cluster.name'] = \"c1\" }=>true", "{ $['cluster.name'] = \"c1\" }=>true",
            "{ $.cluster.name = \"c1\" }=>false", "{ $.['eventType'] = UpdateTrail }=>true",
            "{ $.arrayKey[*] = \"another value\" }=>true", "{ $.arrayKey[*] = \"third\" }=>false",
            "{ $.arrayKey[*] != \"value\" }=>false", "{ $.arrayKey[*] != \"third\" }=>true",
            "{ $.objectList[*].id = 2 }=>true", "{ $.objectList[*].id > 2 }=>false", "{ $.objectList[*].name EXISTS }=>true",
            "{ $.objectList[*].missing NOT EXISTS }=>true", "{ $.* = \"UpdateTrail\" }=>true", "{ $.* = \"nowhere\" }=>false",
            "{ $.*.id = 1 }=>false", "{ $.*[*].id = 1 }=>true", "{ $.eventType[*] = UpdateTrail }=>false"})
    void documentedSelectors(String pattern, boolean expected) {
        JsonNode e = json("{'eventType':'UpdateTrail','sourceIPAddress':'111.111.111.111','arrayKey':['value','another value'],"
                + "'objectList':[{'name':'a','id':1},{'name':'b','id':2}],'SomeObject':null,'cluster.name':'c1','ThisFlag':true}");
        assertThat(FilterPattern.parse(pattern).matches(e)).as(pattern).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{ $.[ = 1 }|array index", "{ $.[''] = 1 }|property name inside",
            "{ $.a[*x] = 1 }|']'", "{ $.* }|operator"})
    void malformedSelectorsSayWhere(String pattern, String expected) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern)).isInstanceOf(FilterPatternException.class)
                .hasMessageContaining(expected);
    }

    /** A regular expression that backtracks exponentially in a backtracking engine runs in linear time here (RE2/J). */
    @Test
    void regularExpressionsRunInLinearTime() {
        String attack = "a".repeat(50_000);
        FilterPattern standalone = FilterPattern.parse("%a*a*a*a*a*a*a*a*a*a*b%");
        FilterPattern inJson = FilterPattern.parse("{ $.s = %^(a|aa)*$b% }");
        long t = System.nanoTime();
        assertThat(standalone.matches(attack)).isFalse();
        assertThat(inJson.matches(json("{'s':'" + attack + "'}"))).isFalse();
        assertThat(System.nanoTime() - t).isLessThan(5_000_000_000L);   // a backtracking engine would not finish
    }

    @Test
    void aVerdictNamesTheMissedAndTheWronglyMatchedEvents() {
        FilterPattern p = FilterPattern.parse("{ ($.eventName = CreateTrail) || ($.eventName = GetEventSelectors) }");
        var verdict = PatternVerdict.judge(p,
                new java.util.LinkedHashMap<>(java.util.Map.of("create-trail", ev("create-trail"), "stop-logging", ev("stop-logging"))),
                java.util.Map.of("get-event-selectors", ev("get-event-selectors")));
        assertThat(verdict.holds()).isFalse();
        assertThat(verdict.nearMiss()).isTrue();
        assertThat(verdict.missed()).containsExactly("stop-logging");
        assertThat(verdict.sentence("TrailChanges")).isEqualTo("Filter TrailChanges does not match StopLogging (stop-logging); "
                + "it also matches GetEventSelectors (get-event-selectors), which it should ignore.");
        var unrelated = PatternVerdict.judge(FilterPattern.parse("{ $.eventName = ConsoleLogin }"),
                java.util.Map.of("stop-logging", ev("stop-logging")), java.util.Map.of());
        assertThat(unrelated.nearMiss()).isFalse();   // a filter for something else is not a near miss
        var otherPurpose = PatternVerdict.judge(FilterPattern.parse("{ $.eventName = PutBucketAcl }"),
                java.util.Map.of("stop-logging", ev("stop-logging")), java.util.Map.of("s3-put-bucket-acl", ev("s3-put-bucket-acl")));
        assertThat(otherPurpose.nearMiss()).isFalse();   // nor one that matches only an event to ignore
    }
}
