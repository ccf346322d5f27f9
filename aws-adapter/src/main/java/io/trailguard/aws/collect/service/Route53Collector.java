package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.QueryLoggingConfig;
import software.amazon.awssdk.services.route53.model.VPC;

/** Route 53: hosted zones with their query logging configs; the VPCs of private zones. */
public final class Route53Collector {
    public static final String TYPE = "AWS::Route53::HostedZone";
    private static final String SVC = "route53";

    private Route53Collector() {
    }

    public static void collect(Account a) {
        var r53 = a.route53();
        String g = Account.GLOBAL;
        Result<List<HostedZone>> zones = a.call(g, SVC, "ListHostedZones", Target.type(TYPE),
                () -> r53.listHostedZonesPaginator(b -> { }).hostedZones().stream().toList());
        if (!zones.ok() || zones.value().isEmpty()) {
            return;
        }
        Result<List<QueryLoggingConfig>> qlc = a.run.call(a.id, g, SVC, "ListQueryLoggingConfigs", Target.NONE,
                Set.of(), () -> r53.listQueryLoggingConfigsPaginator(b -> { }).queryLoggingConfigs().stream().toList(),
                false);
        Map<String, List<QueryLoggingConfig>> byZone = qlc.ok()
                ? qlc.value().stream().collect(Collectors.groupingBy(q -> bareId(q.hostedZoneId())))
                : Map.of();
        for (HostedZone z : zones.value()) {
            String zid = bareId(z.id());
            String arn = "arn:" + a.partition() + ":route53:::hostedzone/" + zid;
            ObjectNode cfg = SdkJson.toJson(z);
            cfg.put("Id", "/hostedzone/" + zid); // as the API returns it (the SDK strips the prefix)
            if (qlc.ok()) {
                ArrayNode q = cfg.putArray("QueryLoggingConfigs");
                byZone.getOrDefault(zid, List.of()).forEach(x -> q.add(SdkJson.toJson(x)));
            } else {
                a.run.errorNode(a.id, g, SVC, "ListQueryLoggingConfigs", qlc.failure(), TYPE, arn,
                        List.of("QueryLoggingConfigs"));
            }
            if (z.config() != null && Boolean.TRUE.equals(z.config().privateZone())) {
                a.call(g, SVC, "GetHostedZone", Target.of(TYPE, arn, "VPCs"),
                        () -> r53.getHostedZone(b -> b.id(zid)).vpCs()).optional().ifPresent(v -> {
                            ArrayNode vs = cfg.putArray("VPCs");
                            for (VPC x : v) {
                                vs.add(SdkJson.toJson(x));
                            }
                        });
            }
            a.run.resource(TYPE, arn, a.id, g, cfg);
        }
    }

    static String bareId(String id) {
        return id == null ? null : id.substring(id.lastIndexOf('/') + 1);
    }
}
