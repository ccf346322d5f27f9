package io.trailguard.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.bench.OrgGenerator;
import io.trailguard.core.Snapshot;
import io.trailguard.core.dsl.PathSelector;
import io.trailguard.core.policy.AccessRequest;
import io.trailguard.core.policy.Decision;
import io.trailguard.core.policy.PolicyDocument;
import io.trailguard.core.policy.PolicyEvaluator;
import io.trailguard.core.policy.PolicyInput;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro level: JSONPath selections (core's {@link PathSelector}), one policy evaluation per request
 * ({@link PolicyEvaluator}), relation lookups ({@link SnapshotIndex}). The snapshot is a generated organisation of
 * {@code accounts} accounts; a lookup must cost the same whatever its size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MicroBenchmarks {
    @Param({"10", "1000"})
    public int accounts;

    private SnapshotIndex index;
    private JsonNode trail;
    private JsonNode bucket;
    private PathSelector definite;
    private PathSelector wildcard;
    private PathSelector filtered;
    private List<PolicyInput> centralBucketPolicy;
    private List<PolicyInput> smallPolicy;
    private AccessRequest putLogs;
    private AccessRequest getObject;
    private String[] bucketNames;
    private String[] vpcIds;
    private ResourceNode[] keys;
    private ResourceNode centralKey;
    private Relation trailsUsingKey;
    private int i;

    @Setup
    public void setup() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrgGenerator(accounts, 2, 42, 0.05).generate(out);
        index = Snapshot.parse(out.toString(StandardCharsets.UTF_8), "generated").index();
        ResourceNode t = index.ofType(SnapshotIndex.TRAIL).get(0);
        trail = t.configuration();
        List<ResourceNode> buckets = index.ofType(SnapshotIndex.BUCKET);
        ResourceNode central = buckets.get(0);
        bucket = buckets.get(1).configuration();
        definite = PathSelector.compile("$.Status.IsLogging");
        wildcard = PathSelector.compile("$.AdvancedEventSelectors[*].FieldSelectors[*].Field");
        filtered = PathSelector.compile("$.Policy.Statement[?(@.Effect == 'Allow')].Action");
        centralBucketPolicy = List.of(PolicyInput.resource("central", PolicyDocument.parse(
                central.configuration().get("Policy")), central.accountId()));
        smallPolicy = List.of(PolicyInput.resource("small", PolicyDocument.parse(bucket.get("Policy")),
                buckets.get(1).accountId()));
        String lastAccount = index.accounts().keySet().stream().reduce((a, b) -> b).orElseThrow();
        putLogs = AccessRequest.of("cloudtrail.amazonaws.com", "s3:PutObject", central.id() + "/AWSLogs/"
                + lastAccount + "/CloudTrail/us-east-1/2026/11/20/x.json.gz")
                .with("s3:x-amz-acl", "bucket-owner-full-control").with("aws:SourceAccount", lastAccount);
        getObject = AccessRequest.of("arn:aws:iam::" + buckets.get(1).accountId() + ":role/app-3", "s3:GetObject",
                buckets.get(1).id() + "/data/file.csv").with("aws:SecureTransport", "true");
        bucketNames = buckets.stream().map(b -> b.text("Name")).toArray(String[]::new);
        vpcIds = index.ofType(SnapshotIndex.VPC).stream().map(ResourceNode::id).toArray(String[]::new);
        keys = index.ofType(SnapshotIndex.KMS_KEY).toArray(ResourceNode[]::new);
        centralKey = keys[0];
        trailsUsingKey = Relations.find("trails", SnapshotIndex.KMS_KEY).orElseThrow();
    }

    @Benchmark
    public JsonNode pathDefinite() {
        return definite.selectOne(trail);
    }

    @Benchmark
    public List<JsonNode> pathWildcard() {
        return wildcard.selectAll(trail);
    }

    @Benchmark
    public List<JsonNode> pathFilter() {
        return filtered.selectAll(bucket);
    }

    /** The central bucket's policy lists every account: one request's cost grows with the organisation. */
    @Benchmark
    public Decision policyCentralBucketPutObject() {
        return PolicyEvaluator.evaluate(centralBucketPolicy, putLogs);
    }

    @Benchmark
    public Decision policySmallBucketGetObject() {
        return PolicyEvaluator.evaluate(smallPolicy, getObject);
    }

    @Benchmark
    public void lookupBucketByName(Blackhole bh) {
        bh.consume(index.withField(SnapshotIndex.BUCKET, "Name", bucketNames[i++ % bucketNames.length]));
    }

    @Benchmark
    public void lookupSubnetsAndFlowLogsOfVpc(Blackhole bh) {
        String vpc = vpcIds[i++ % vpcIds.length];
        bh.consume(index.withField(SnapshotIndex.SUBNET, "VpcId", vpc));
        bh.consume(index.withField(SnapshotIndex.FLOW_LOG, "ResourceId", vpc));
    }

    @Benchmark
    public void lookupTrailsUsingKey(Blackhole bh) {
        bh.consume(trailsUsingKey.resolve(index, keys[i++ % keys.length]));
        bh.consume(trailsUsingKey.resolve(index, centralKey));
    }
}
