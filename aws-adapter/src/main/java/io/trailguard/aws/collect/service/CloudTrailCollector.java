package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/** CloudTrail: DescribeTrails per region, then GetTrailStatus and GetEventSelectors once per distinct trail ARN. */
public final class CloudTrailCollector {
    public static final String TYPE = "AWS::CloudTrail::Trail";
    private static final String SVC = "cloudtrail";

    private CloudTrailCollector() {
    }

    /** The trails DescribeTrails lists in {@code region}, shadow copies included; empty on failure (recorded). */
    public static List<Trail> describe(Account a, String region) {
        Result<List<Trail>> r = a.call(region, SVC, "DescribeTrails", Target.type(TYPE),
                () -> a.cloudTrail(region).describeTrails(b -> b.includeShadowTrails(true)).trailList());
        if (r.failed()) {
            a.unreadReferrers.add("cloudtrail:DescribeTrails in " + region);
        }
        return r.ok() ? r.value() : List.of();
    }

    /**
     * Emits one trail in its home region and owner account, reading status and selectors through the client of
     * {@code viaRegion} (the home region where it is collected, otherwise a region that lists its shadow).
     */
    public static void collect(Account a, Trail t, String viaRegion) {
        String arn = t.trailARN();
        String owner = Arns.account(arn) == null ? a.id : Arns.account(arn);
        String home = t.homeRegion() == null ? viaRegion : t.homeRegion();
        ObjectNode cfg = SdkJson.toJson(t);
        Result<GetTrailStatusResponse> st = a.call(viaRegion, SVC, "GetTrailStatus", Target.of(TYPE, arn, "Status"),
                () -> a.cloudTrail(viaRegion).getTrailStatus(b -> b.name(arn)));
        st.optional().ifPresent(s -> cfg.set("Status", SdkJson.toJson(s)));
        Result<GetEventSelectorsResponse> es = a.call(viaRegion, SVC, "GetEventSelectors",
                Target.of(TYPE, arn, "EventSelectors", "AdvancedEventSelectors"), Set.of(),
                () -> a.cloudTrail(viaRegion).getEventSelectors(b -> b.trailName(arn)));
        es.optional().ifPresent(s -> {
            ObjectNode sel = SdkJson.toJson(s);
            for (String f : List.of("EventSelectors", "AdvancedEventSelectors")) {
                JsonNode v = sel.get(f);
                if (v != null) {
                    cfg.set(f, v);
                }
            }
        });
        if (owner.equals(a.id)) {
            if (t.cloudWatchLogsRoleArn() != null) {
                a.roleRefs.add(t.cloudWatchLogsRoleArn());
            }
            if (t.snsTopicARN() != null) {
                a.topicRefs.add(t.snsTopicARN());
            }
        }
        a.run.resource(TYPE, arn, owner, home, cfg);
    }
}
