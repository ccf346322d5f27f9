package io.trailguard.aws.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.CollectRun;
import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import io.trailguard.aws.collect.service.Arns;
import io.trailguard.aws.collect.service.CloudTrailCollector;
import io.trailguard.aws.collect.service.CloudWatchCollector;
import io.trailguard.aws.collect.service.ConfigCollector;
import io.trailguard.aws.collect.service.Ec2Collector;
import io.trailguard.aws.collect.service.IamCollector;
import io.trailguard.aws.collect.service.KmsCollector;
import io.trailguard.aws.collect.service.LogsCollector;
import io.trailguard.aws.collect.service.ResolverCollector;
import io.trailguard.aws.collect.service.Route53Collector;
import io.trailguard.aws.collect.service.S3Collector;
import io.trailguard.aws.collect.service.SnsCollector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Live collection: one account (the caller's) or an organisation (every active account through an assumed role),
 * in the given regions or every region enabled for each account, into a snapshot (docs/snapshot-format.md).
 *
 * <p>Collection never stops at the first failure: a call that fails is recorded in the snapshot's {@code errors}
 * and the rest goes on. Only a collection that cannot start (no credentials, no identity) throws.
 */
public final class SnapshotCollector {
    public static final String TOOL = "trailguard 0.1.0";
    private static final String BOOTSTRAP_REGION = "us-east-1";

    private SnapshotCollector() {
    }

    public static ObjectNode collect(CollectOptions options, ProgressListener listener) {
        try (CollectRun run = new CollectRun(options, listener)) {
            return new Collection(run).collect();
        }
    }

    /** One collection's orchestration. */
    private static final class Collection {
        private final CollectRun run;
        private final CollectOptions o;
        private final List<Account> accounts = new ArrayList<>();
        private final Set<String> accountIds = new LinkedHashSet<>();
        private final Map<String, List<String>> regionsByAccount = new ConcurrentHashMap<>();
        private final Map<String, Map<String, String>> optInByAccount = new ConcurrentHashMap<>();
        private final List<AutoCloseable> closeables = Collections.synchronizedList(new ArrayList<>());
        /** Topics named in one account and owned by another, with the first account that named each. */
        private final Map<String, Account> foreignTopics = new ConcurrentHashMap<>();
        /** Topics already read by their owner account. */
        private final Set<String> topicsRead = ConcurrentHashMap.newKeySet();
        /** Each organisation account's entity path ({@code o-…/r-…/ou-…/}), where the tree could be read. */
        private final Map<String, String> orgPaths = new ConcurrentHashMap<>();

        Collection(CollectRun run) {
            this.run = run;
            this.o = run.options;
        }

        ObjectNode collect() {
            Instant capturedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AwsCredentialsProvider base = baseCredentials();
            Account caller = new Account(run, "unknown", null, base);
            closeables.add(caller);
            try {
                GetCallerIdentityResponse me = identity(caller);
                caller = new Account(run, me.account(), null, base);
                caller.partition(Arns.partition(me.arn()));
                closeables.add(caller);
                Organization org = organization(caller);
                Map<String, String> names = new LinkedHashMap<>();
                CompletableFuture<Void> paths = CompletableFuture.completedFuture(null);
                if (o.organization()) {
                    names.putAll(orgAccounts(caller));
                    if (org != null) {
                        Account c = caller;
                        paths = run.supply(() -> {
                            orgPaths(c, org);
                            return null;
                        });
                    }
                }
                if (names.isEmpty()) {
                    names.put(caller.id, null);
                }
                accountIds.addAll(names.keySet());
                run.accountsTotal.set(accountIds.size());
                run.progress();
                List<CompletableFuture<Void>> work = new ArrayList<>();
                for (Map.Entry<String, String> e : names.entrySet()) {
                    Account acct;
                    if (e.getKey().equals(caller.id)) {
                        acct = new Account(run, caller.id, e.getValue(), base);
                    } else {
                        acct = new Account(run, e.getKey(), e.getValue(), assumeRole(caller, e.getKey()));
                    }
                    acct.partition(caller.partition());
                    closeables.add(acct);
                    accounts.add(acct);
                    work.add(account(acct, !acct.id.equals(caller.id)));
                }
                work.add(paths);
                CollectRun.all(work).join();
                foreignTopics().join();
                return snapshot(capturedAt, org);
            } finally {
                for (AutoCloseable c : closeables) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing clients cannot lose data
                    }
                }
            }
        }

        // ---- credentials and identity ----

        private AwsCredentialsProvider baseCredentials() {
            if (o.credentialsProvider() != null) {
                return o.credentialsProvider();
            }
            if (o.profile() != null && !o.profile().isBlank()) {
                return ProfileCredentialsProvider.builder().profileName(o.profile()).build();
            }
            return DefaultCredentialsProvider.builder().build();
        }

        private GetCallerIdentityResponse identity(Account caller) {
            try {
                return caller.sts().getCallerIdentity();
            } catch (SdkClientException e) {
                if (String.valueOf(e.getMessage()).contains("credentials")) {
                    throw new CollectionException(noCredentialsMessage(), e);
                }
                throw new CollectionException("cannot identify the caller (STS GetCallerIdentity): "
                        + Failure.of(e).code() + ": " + Failure.of(e).message(), e);
            } catch (RuntimeException e) {
                Failure f = Failure.of(e);
                throw new CollectionException("cannot identify the caller (STS GetCallerIdentity): " + f.code()
                        + ": " + f.message(), e);
            }
        }

        private String noCredentialsMessage() {
            String where = o.profile() != null ? "profile '" + o.profile() + "' has no usable credentials. "
                    : "no AWS credentials were found. ";
            return where + "Provide them with one of: environment variables AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials); a profile in "
                    + "~/.aws/credentials or ~/.aws/config chosen with --profile or AWS_PROFILE; 'aws sso login "
                    + "--profile NAME' for IAM Identity Center; or an instance, container or Lambda role.";
        }

        private AwsCredentialsProvider assumeRole(Account caller, String accountId) {
            String roleArn = "arn:" + caller.partition() + ":iam::" + accountId + ":role/" + o.roleName();
            StsClient sts = caller.sts();
            return StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(b -> {
                        b.roleArn(roleArn).roleSessionName("trailguard-collect").durationSeconds(3600);
                        if (o.externalId() != null && !o.externalId().isBlank()) {
                            b.externalId(o.externalId());
                        }
                    })
                    .asyncCredentialUpdateEnabled(false)
                    .build();
        }

        // ---- organisation ----

        private Organization organization(Account caller) {
            Result<Organization> r = caller.call(Account.GLOBAL, "organizations", "DescribeOrganization",
                    Target.NONE, Set.of("AWSOrganizationsNotInUseException"),
                    () -> caller.organizations().describeOrganization().organization());
            return r.ok() ? r.value() : null;
        }

        /**
         * The organisation's active accounts, page by page (each page retried like any call). A listing that fails
         * part way keeps the accounts of the pages read and records an error that says the list is incomplete: the
         * accounts it may hide are unknown, so every rule that needs "all accounts" or "all resources of a type"
         * says UNKNOWN (core's CollectionGaps reads organizations:ListAccounts that way).
         */
        private Map<String, String> orgAccounts(Account caller) {
            Map<String, String> out = new LinkedHashMap<>();
            List<software.amazon.awssdk.services.organizations.model.Account> listed = new ArrayList<>();
            Result<Boolean> r = caller.run.call(caller.id, Account.GLOBAL, "organizations", "ListAccounts",
                    Target.NONE, Set.of(), () -> {
                        caller.organizations().listAccountsPaginator(b -> { }).stream()
                                .forEach(p -> listed.addAll(p.accounts()));
                        return true;
                    }, false);
            if (r.failed()) {
                Failure f = r.failure();
                caller.run.errorNode(caller.id, Account.GLOBAL, "organizations", "ListAccounts", new Failure(f.code(),
                        "the organisation's account list is incomplete (" + listed.size() + " account(s) listed "
                        + "before the failure); accounts not listed were not collected: " + f.message(), f.httpStatus()),
                        null, null, null);
            }
            listed.stream().filter(x -> x.statusAsString() == null || "ACTIVE".equals(x.statusAsString()))
                    .forEach(x -> out.put(x.id(), x.name()));
            return out;
        }

        /**
         * Walks the organisation's tree from its roots and records each account's entity path down to its parent
         * ({@code o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/}): the value AWS sends as {@code aws:SourceOrgPaths} when a
         * service delivers for the account (IAM User Guide, global condition context keys: aws:SourceOrgPaths,
         * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgpaths).
         * A listing that fails is recorded and leaves the paths below it absent, so a policy that tests the key is
         * UNKNOWN for those accounts, never decided on a guess.
         */
        private void orgPaths(Account caller, Organization org) {
            Result<List<String>> roots = caller.call(Account.GLOBAL, "organizations", "ListRoots", Target.NONE,
                    () -> caller.organizations().listRootsPaginator(b -> { }).stream()
                            .flatMap(page -> page.roots().stream())
                            .map(r -> r.id()).toList());
            if (roots.ok()) {
                roots.value().forEach(r -> orgPathsUnder(caller, r, org.id() + "/" + r + "/"));
            }
        }

        private void orgPathsUnder(Account caller, String parent, String path) {
            Result<List<String>> accts = caller.call(Account.GLOBAL, "organizations", "ListAccountsForParent",
                    Target.NONE, () -> caller.organizations().listAccountsForParentPaginator(b -> b.parentId(parent))
                            .stream().flatMap(page -> page.accounts().stream()).map(x -> x.id()).toList());
            if (accts.ok()) {
                accts.value().forEach(id -> orgPaths.put(id, path));
            }
            Result<List<String>> ous = caller.call(Account.GLOBAL, "organizations", "ListOrganizationalUnitsForParent",
                    Target.NONE, () -> caller.organizations().listOrganizationalUnitsForParentPaginator(
                            b -> b.parentId(parent)).stream().flatMap(page -> page.organizationalUnits().stream()).map(x -> x.id()).toList());
            if (ous.ok()) {
                ous.value().forEach(ou -> orgPathsUnder(caller, ou, path + ou + "/"));
            }
        }

        // ---- one account ----

        private CompletableFuture<Void> account(Account a, boolean assumed) {
            return run.supply(() -> {
                        if (assumed) {
                            Result<Boolean> r = a.call(Account.GLOBAL, "sts", "AssumeRole", Target.NONE, () -> {
                                a.resolveCredentials();
                                return true;
                            });
                            if (!r.ok()) {
                                return List.<String>of();
                            }
                        }
                        return regions(a);
                    })
                    .thenCompose(regions -> regions.isEmpty() && assumed && !regionsByAccount.containsKey(a.id)
                            ? CompletableFuture.completedFuture(null)
                            : accountWork(a, regions))
                    .exceptionally(t -> {
                        // a collector bug must not lose the other accounts: record it against this account
                        run.errorNode(a.id, Account.GLOBAL, "trailguard", "collect", Failure.of(t), null, null, null);
                        return null;
                    })
                    .whenComplete((v, t) -> {
                        a.close(); // an organisation of hundreds of accounts must not keep every account's clients
                        run.accountsDone.incrementAndGet();
                        run.progress();
                    });
        }

        private List<String> regions(Account a) {
            String via = o.regions().isEmpty() ? BOOTSTRAP_REGION : o.regions().get(0);
            var r = Ec2Collector.regions(a, via);
            List<String> out = new ArrayList<>();
            if (!r.ok()) {
                out.addAll(o.regions()); // explicit list: try them anyway; all regions: nothing regional is known
            } else {
                Map<String, String> optIn = new LinkedHashMap<>();
                for (var reg : r.value()) {
                    optIn.put(reg.regionName(), reg.optInStatus());
                }
                optInByAccount.put(a.id, optIn);
                if (o.regions().isEmpty()) {
                    optIn.forEach((name, st) -> {
                        if (!"not-opted-in".equals(st)) {
                            out.add(name);
                        }
                    });
                } else {
                    for (String want : o.regions()) {
                        String st = optIn.get(want);
                        if (st == null || "not-opted-in".equals(st)) {
                            run.errorNode(a.id, want, "ec2", "DescribeRegions", new Failure("RegionNotEnabled",
                                    st == null ? "region " + want + " is not known to the account"
                                            : "region " + want + " is not enabled (opt-in status " + st + ")", 0),
                                    null, null, null);
                        } else {
                            out.add(want);
                        }
                    }
                }
            }
            Collections.sort(out);
            regionsByAccount.put(a.id, out);
            return out;
        }

        private CompletableFuture<Void> accountWork(Account a, List<String> regions) {
            run.regionsTotal.addAndGet(regions.size());
            run.progress();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            Map<String, List<Trail>> trailsByRegion = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> trailListings = new ArrayList<>();
            for (String region : regions) {
                List<CompletableFuture<Void>> rf = new ArrayList<>();
                CompletableFuture<Void> trails = run.submit(() ->
                        trailsByRegion.put(region, CloudTrailCollector.describe(a, region)));
                trailListings.add(trails);
                rf.add(trails);
                rf.add(run.submit(() -> Ec2Collector.vpcs(a, region)));
                rf.add(run.submit(() -> Ec2Collector.subnets(a, region)));
                rf.add(run.submit(() -> Ec2Collector.networkInterfaces(a, region)));
                rf.add(run.submit(() -> Ec2Collector.flowLogs(a, region)));
                rf.add(run.submit(() -> ConfigCollector.collect(a, region)));
                rf.add(run.submit(() -> LogsCollector.logGroups(a, region)));
                rf.add(run.submit(() -> LogsCollector.resourcePolicies(a, region)));
                rf.add(run.submit(() -> CloudWatchCollector.alarms(a, region)));
                rf.add(run.submit(() -> ResolverCollector.queryLogging(a, region)));
                rf.add(run.supply(() -> KmsCollector.list(a, region))
                        .thenCompose(l -> run.forEach(l.keys(), k -> KmsCollector.key(a, region, k, l))));
                CompletableFuture<Void> regionDone = CollectRun.all(rf).whenComplete((v, t) -> {
                    run.regionsDone.incrementAndGet();
                    run.progress();
                });
                all.add(regionDone);
            }
            // trails: one resource per trail ARN, after every region has listed its (shadow) trails
            all.add(CollectRun.all(trailListings).thenCompose(v -> run.forEach(
                    distinctTrails(a, regions, trailsByRegion), t -> CloudTrailCollector.collect(a, t.trail, t.via))));
            // global services
            all.add(run.submit(() -> Route53Collector.collect(a)));
            all.add(run.submit(() -> S3Collector.accountPublicAccessBlock(a)));
            all.add(run.supply(() -> S3Collector.list(a))
                    .thenCompose(buckets -> CollectRun.all(buckets.stream()
                            .map(b -> run.supply(() -> S3Collector.bucket(a, b)).thenCompose(f -> f)).toList())));
            // last: the roles and topics the collected resources name
            return CollectRun.all(all).thenCompose(v -> {
                unreadReferences(a);
                List<CompletableFuture<Void>> refs = new ArrayList<>();
                List<String> roles = a.roleRefs.stream().filter(r -> a.id.equals(Arns.account(r))).sorted().toList();
                List<String> topics = a.topicRefs.stream().filter(t -> a.id.equals(Arns.account(t))).sorted()
                        .toList();
                a.topicRefs.stream().filter(t -> !a.id.equals(Arns.account(t)))
                        .forEach(t -> foreignTopics.putIfAbsent(t, a));
                topicsRead.addAll(topics);
                refs.add(run.forEach(roles, r -> IamCollector.role(a, r)));
                refs.add(run.forEach(topics, t -> SnsCollector.topic(a, t)));
                return CollectRun.all(refs);
            });
        }

        /**
         * Roles and topics are collected because a trail, flow log or replication rule names them; when one of those
         * listings failed, the ones it would have named are unknown, and the snapshot says so (an error per type in
         * the account, every region).
         */
        private void unreadReferences(Account a) {
            if (a.unreadReferrers.isEmpty()) {
                return;
            }
            String why = String.join(", ", new java.util.TreeSet<>(a.unreadReferrers));
            run.errorNode(a.id, Account.GLOBAL, "iam", "GetRole", new Failure("NotCollected", "roles named by "
                    + "resources that could not be read (" + why + ") were not collected", 0), "AWS::IAM::Role", null,
                    null);
            if (a.unreadReferrers.stream().anyMatch(r -> r.startsWith("cloudtrail:"))) {
                run.errorNode(a.id, Account.GLOBAL, "sns", "GetTopicAttributes", new Failure("NotCollected",
                        "topics named by trails that could not be listed (" + why + ") were not collected", 0),
                        SnsCollector.TYPE, null, null);
            }
        }

        /**
         * Topics one account's alarms or trails name in another account (a central alarm topic), read once every
         * account is done: by the owner when it is collected (its clients are made again), else with the credentials
         * of the account that names it, which the topic's policy may allow.
         */
        private CompletableFuture<Void> foreignTopics() {
            Map<String, Account> byId = new LinkedHashMap<>();
            accounts.forEach(x -> byId.put(x.id, x));
            List<Map.Entry<String, Account>> todo = foreignTopics.entrySet().stream()
                    .filter(e -> !topicsRead.contains(e.getKey()))
                    .sorted(Map.Entry.comparingByKey()).toList();
            return run.forEach(todo, e -> SnsCollector.topic(
                    byId.getOrDefault(Arns.account(e.getKey()), e.getValue()), e.getKey()));
        }

        private record TrailAt(Trail trail, String via) {
        }

        private List<TrailAt> distinctTrails(Account a, List<String> regions, Map<String, List<Trail>> byRegion) {
            Map<String, TrailAt> out = new LinkedHashMap<>();
            for (String region : regions) {
                for (Trail t : byRegion.getOrDefault(region, List.of())) {
                    String arn = t.trailARN();
                    if (arn == null) {
                        continue;
                    }
                    String owner = Arns.account(arn);
                    if (owner != null && !owner.equals(a.id) && accountIds.contains(owner)) {
                        continue; // its owner account is collected too and reports it
                    }
                    boolean home = region.equals(t.homeRegion());
                    TrailAt prev = out.get(arn);
                    if (prev == null || home && !prev.via.equals(t.homeRegion())) {
                        out.put(arn, new TrailAt(t, region));
                    }
                }
            }
            return new ArrayList<>(out.values());
        }

        // ---- the snapshot ----

        private ObjectNode snapshot(Instant capturedAt, Organization org) {
            ObjectNode s = SdkJson.F.objectNode();
            s.put("snapshotVersion", 1);
            s.put("capturedAt", capturedAt.toString());
            ObjectNode src = s.putObject("source");
            src.put("kind", "live");
            src.put("tool", TOOL);
            ObjectNode optIn = src.putObject("regionOptInStatus");
            for (Account a : accounts) {
                Map<String, String> m = optInByAccount.get(a.id);
                if (m != null) {
                    ObjectNode n = optIn.putObject(a.id);
                    m.forEach(n::put);
                }
            }
            if (org != null) {
                ObjectNode on = s.putObject("organization");
                on.put("id", org.id());
                if (org.masterAccountId() != null) {
                    on.put("managementAccountId", org.masterAccountId());
                }
            }
            ArrayNode acc = s.putArray("accounts");
            for (Account a : accounts) {
                ObjectNode n = acc.addObject();
                n.put("id", a.id);
                if (a.name != null) {
                    n.put("name", a.name);
                }
                if (orgPaths.containsKey(a.id)) {
                    n.put("organizationPath", orgPaths.get(a.id));
                }
                ArrayNode rs = n.putArray("regions");
                regionsByAccount.getOrDefault(a.id, List.of()).forEach(rs::add);
            }
            ArrayNode res = s.putArray("resources");
            run.resources().forEach(res::add);
            ArrayNode err = s.putArray("errors");
            run.errors().forEach(err::add);
            return s;
        }
    }
}
