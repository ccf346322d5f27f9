package io.trailguard.aws.collect.service;

import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;

/**
 * Route 53 Resolver query logging of one region: the query logging configurations the account owns and its VPCs'
 * associations with any configuration (its own or one shared with it through AWS RAM). Both listings are paginated;
 * a failed one is recorded for its whole type, so R53-03 says UNKNOWN rather than "not logged".
 * <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ListResolverQueryLogConfigs.html">ListResolverQueryLogConfigs</a>,
 * <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ListResolverQueryLogConfigAssociations.html">ListResolverQueryLogConfigAssociations</a>.
 */
public final class ResolverCollector {
    public static final String CONFIG = "AWS::Route53Resolver::ResolverQueryLoggingConfig";
    public static final String ASSOCIATION = "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation";
    private static final String SVC = "route53resolver";

    private ResolverCollector() {
    }

    public static void queryLogging(Account a, String region) {
        var c = a.route53Resolver(region);
        a.call(region, SVC, "ListResolverQueryLogConfigs", Target.type(CONFIG),
                () -> c.listResolverQueryLogConfigsPaginator(b -> { }).resolverQueryLogConfigs().stream().toList())
                .optional().ifPresent(l -> l.forEach(q -> {
                    // a configuration shared with the account is listed too; it is recorded once, by its owner
                    if (q.ownerId() == null || q.ownerId().equals(a.id)) {
                        a.run.resource(CONFIG, q.arn() != null ? q.arn() : q.id(), a.id, region, SdkJson.toJson(q));
                    }
                }));
        a.call(region, SVC, "ListResolverQueryLogConfigAssociations", Target.type(ASSOCIATION),
                () -> c.listResolverQueryLogConfigAssociationsPaginator(b -> { }).resolverQueryLogConfigAssociations()
                        .stream().toList())
                .optional().ifPresent(l -> l.forEach(x -> a.run.resource(ASSOCIATION, x.id(), a.id, region,
                        SdkJson.toJson(x))));
    }
}
