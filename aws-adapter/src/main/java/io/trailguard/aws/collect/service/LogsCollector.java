package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeResourcePoliciesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourcePolicy;

/** CloudWatch Logs: log groups with their metric filters, and the region's resource policies. */
public final class LogsCollector {
    public static final String TYPE = "AWS::Logs::LogGroup";
    public static final String POLICY_TYPE = "AWS::Logs::ResourcePolicy";
    private static final String SVC = "logs";

    private LogsCollector() {
    }

    public static void logGroups(Account a, String region) {
        var logs = a.logs(region);
        Result<List<LogGroup>> groups = a.call(region, SVC, "DescribeLogGroups", Target.type(TYPE),
                () -> logs.describeLogGroupsPaginator(b -> { }).logGroups().stream().toList());
        if (!groups.ok() || groups.value().isEmpty()) {
            return;
        }
        Result<List<MetricFilter>> mf = a.run.call(a.id, region, SVC, "DescribeMetricFilters", Target.NONE, Set.of(),
                () -> logs.describeMetricFiltersPaginator(b -> { }).metricFilters().stream().toList(), false);
        Map<String, List<MetricFilter>> byGroup = mf.ok()
                ? mf.value().stream().filter(f -> f.logGroupName() != null)
                        .collect(Collectors.groupingBy(MetricFilter::logGroupName))
                : Map.of();
        for (LogGroup g : groups.value()) {
            String id = g.logGroupArn() != null ? g.logGroupArn()
                    : g.arn() != null ? stripStar(g.arn())
                    : "arn:" + a.partition() + ":logs:" + region + ":" + a.id + ":log-group:" + g.logGroupName();
            ObjectNode cfg = SdkJson.toJson(g);
            if (mf.ok()) {
                ArrayNode arr = cfg.putArray("MetricFilters");
                byGroup.getOrDefault(g.logGroupName(), List.of()).forEach(f -> arr.add(SdkJson.toJson(f)));
            } else {
                a.run.errorNode(a.id, region, SVC, "DescribeMetricFilters", mf.failure(), TYPE, id,
                        List.of("MetricFilters"));
            }
            a.run.resource(TYPE, id, a.id, region, cfg);
        }
    }

    public static void resourcePolicies(Account a, String region) {
        var logs = a.logs(region);
        Result<List<ResourcePolicy>> r = a.call(region, SVC, "DescribeResourcePolicies", Target.type(POLICY_TYPE),
                () -> {
                    List<ResourcePolicy> all = new ArrayList<>();
                    String token = null;
                    do {
                        String t = token;
                        DescribeResourcePoliciesResponse page = logs.describeResourcePolicies(b -> b.nextToken(t));
                        all.addAll(page.resourcePolicies());
                        token = page.nextToken();
                    } while (token != null && !token.isEmpty());
                    return all;
                });
        r.optional().ifPresent(list -> {
            for (ResourcePolicy p : list) {
                String id = "arn:" + a.partition() + ":logs:" + region + ":" + a.id + ":resource-policy/"
                        + p.policyName();
                ObjectNode cfg = SdkJson.toJson(p);
                try {
                    cfg.set("policyDocument", SdkJson.parsePolicy(p.policyDocument()));
                } catch (RuntimeException e) {
                    cfg.remove("policyDocument");
                    a.run.errorNode(a.id, region, SVC, "DescribeResourcePolicies", Failure.of(e), POLICY_TYPE, id,
                            List.of("policyDocument"));
                }
                a.run.resource(POLICY_TYPE, id, a.id, region, cfg);
            }
        });
    }

    static String stripStar(String arn) {
        return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
    }
}
