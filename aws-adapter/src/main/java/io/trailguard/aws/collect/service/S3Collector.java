package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockResponse;

/** S3: ListBuckets, then each bucket's settings in the bucket's own region; account-level Block Public Access. */
public final class S3Collector {
    public static final String TYPE = "AWS::S3::Bucket";
    public static final String ACCOUNT_PAB_TYPE = "AWS::S3::AccountPublicAccessBlock";
    private static final String SVC = "s3";
    private static final String LIST_REGION = "us-east-1";

    private S3Collector() {
    }

    public static List<Bucket> list(Account a) {
        Result<List<Bucket>> r = a.call(Account.GLOBAL, SVC, "ListBuckets", Target.type(TYPE),
                () -> a.s3(LIST_REGION).listBucketsPaginator(b -> b.maxBuckets(1000)).buckets().stream().toList());
        return r.ok() ? r.value() : List.of();
    }

    public static void accountPublicAccessBlock(Account a) {
        Result<GetPublicAccessBlockResponse> r = a.call(Account.GLOBAL, "s3", "GetPublicAccessBlock",
                Target.type(ACCOUNT_PAB_TYPE), Set.of("NoSuchPublicAccessBlockConfiguration"),
                () -> a.s3Control().getPublicAccessBlock(b -> b.accountId(a.id)));
        if (r.failed()) {
            return;
        }
        ObjectNode cfg = r.absent() ? SdkJson.F.objectNode()
                : SdkJson.toJson(r.value().publicAccessBlockConfiguration());
        a.run.resource(ACCOUNT_PAB_TYPE, a.id, a.id, Account.GLOBAL, cfg);
    }

    /**
     * One bucket: its region (from ListBuckets, else GetBucketLocation), then its eleven settings, each read as its
     * own task so that a bucket's calls run side by side; the resource is emitted when all have answered.
     */
    public static CompletableFuture<Void> bucket(Account a, Bucket bucket) {
        String name = bucket.name();
        String arn = "arn:" + a.partition() + ":s3:::" + name;
        String region = bucket.bucketRegion();
        if (region == null || region.isBlank()) {
            Result<String> loc = a.call(Account.GLOBAL, SVC, "GetBucketLocation", Target.of(TYPE, arn, "Region"),
                    () -> a.s3(LIST_REGION).getBucketLocation(b -> b.bucket(name)).locationConstraintAsString());
            region = loc.failed() ? null : normaliseLocation(loc.value());
        }
        String callRegion = region == null ? LIST_REGION : region;
        S3Client s3 = a.s3(callRegion);
        Map<String, JsonNode> got = new ConcurrentHashMap<>();
        Getter g = new Getter(a, callRegion, arn, got);
        List<Runnable> reads = List.of(
                () -> g.get("GetBucketPolicy", "Policy", Set.of("NoSuchBucketPolicy"),
                        () -> s3.getBucketPolicy(b -> b.bucket(name)), r -> SdkJson.parsePolicy(r.policy())),
                () -> g.get("GetBucketPolicyStatus", "PolicyStatus", Set.of("NoSuchBucketPolicy"),
                        () -> s3.getBucketPolicyStatus(b -> b.bucket(name)), r -> pojo(r.policyStatus())),
                () -> g.get("GetBucketEncryption", "Encryption",
                        Set.of("ServerSideEncryptionConfigurationNotFoundError"),
                        () -> s3.getBucketEncryption(b -> b.bucket(name)),
                        r -> pojo(r.serverSideEncryptionConfiguration())),
                () -> g.get("GetBucketVersioning", "Versioning", Set.of(),
                        () -> s3.getBucketVersioning(b -> b.bucket(name)), SdkJson::toJson),
                () -> g.get("GetBucketReplication", "Replication", Set.of("ReplicationConfigurationNotFoundError"),
                        () -> s3.getBucketReplication(b -> b.bucket(name)), r -> {
                            if (r.replicationConfiguration() != null
                                    && r.replicationConfiguration().role() != null) {
                                a.roleRefs.add(r.replicationConfiguration().role());
                            }
                            return pojo(r.replicationConfiguration());
                        }),
                () -> g.get("GetBucketLogging", "Logging", Set.of(),
                        () -> s3.getBucketLogging(b -> b.bucket(name)), SdkJson::toJson),
                () -> g.get("GetPublicAccessBlock", "PublicAccessBlock",
                        Set.of("NoSuchPublicAccessBlockConfiguration"),
                        () -> s3.getPublicAccessBlock(b -> b.bucket(name)),
                        r -> pojo(r.publicAccessBlockConfiguration())),
                () -> g.get("GetBucketLifecycleConfiguration", "Lifecycle", Set.of("NoSuchLifecycleConfiguration"),
                        () -> s3.getBucketLifecycleConfiguration(b -> b.bucket(name)), r -> {
                            ObjectNode o = SdkJson.F.objectNode();
                            JsonNode rules = SdkJson.value(r.rules());
                            o.set("Rules", rules == null ? SdkJson.F.arrayNode() : rules);
                            return o;
                        }),
                () -> g.get("GetObjectLockConfiguration", "ObjectLock",
                        Set.of("ObjectLockConfigurationNotFoundError"),
                        () -> s3.getObjectLockConfiguration(b -> b.bucket(name)),
                        r -> pojo(r.objectLockConfiguration())),
                () -> g.get("GetBucketAcl", "Acl", Set.of(), () -> s3.getBucketAcl(b -> b.bucket(name)),
                        SdkJson::toJson),
                () -> g.get("GetBucketOwnershipControls", "OwnershipControls",
                        Set.of("OwnershipControlsNotFoundError"),
                        () -> s3.getBucketOwnershipControls(b -> b.bucket(name)), r -> pojo(r.ownershipControls())));
        String resourceRegion = region;
        return a.run.forEach(reads, Runnable::run).thenRun(() -> {
            ObjectNode cfg = SdkJson.F.objectNode();
            cfg.put("Name", name);
            if (resourceRegion != null) {
                cfg.put("Region", resourceRegion);
            }
            if (bucket.creationDate() != null) {
                cfg.put("CreationDate", bucket.creationDate().toString());
            }
            for (String f : FIELDS) {
                if (got.containsKey(f)) {
                    cfg.set(f, got.get(f));
                }
            }
            a.run.resource(TYPE, arn, a.id, resourceRegion == null ? Account.GLOBAL : resourceRegion, cfg);
        });
    }

    private static final List<String> FIELDS = List.of("Policy", "PolicyStatus", "Encryption", "Versioning",
            "Replication", "Logging", "PublicAccessBlock", "Lifecycle", "ObjectLock", "Acl", "OwnershipControls");

    /** GetBucketLocation: null or empty = us-east-1, EU = eu-west-1. */
    static String normaliseLocation(String loc) {
        if (loc == null || loc.isBlank() || "null".equals(loc)) {
            return "us-east-1";
        }
        return "EU".equals(loc) ? "eu-west-1" : loc;
    }

    private static JsonNode pojo(SdkPojo p) {
        return p == null ? null : SdkJson.toJson(p);
    }

    private record Getter(Account a, String region, String arn, Map<String, JsonNode> got) {
        <T> void get(String op, String field, Set<String> absent, Supplier<T> call, Function<T, JsonNode> map) {
            Result<T> r = a.call(region, SVC, op, Target.of(TYPE, arn, field), absent, () -> call.get());
            if (r.failed() && field.equals("Replication")) {
                a.unreadReferrers.add("s3:GetBucketReplication of " + arn);
            }
            if (!r.ok()) {
                return;
            }
            try {
                JsonNode v = map.apply(r.value());
                if (v != null) {
                    got.put(field, v);
                }
            } catch (RuntimeException e) {
                a.run.errorNode(a.id, region, SVC, op, io.trailguard.aws.collect.internal.Failure.of(e), TYPE, arn,
                        List.of(field));
            }
        }
    }
}
