package io.trailguard.aws.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.CollectionGaps;
import io.trailguard.rules.BuiltinRules;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The fault run: the collector against moto_server through {@link FaultProxy}, once without faults (the baseline)
 * and once per injected fault (deny, garbled body and empty 200 on every operation the baseline made; throttling and
 * 5xx past retries on the organisation listing and the calls that read one resource; a ListAccounts that fails after
 * its first page). Each faulted snapshot is compared with the baseline:
 * <ul>
 *   <li>a resource is <em>lost silently</em> when the baseline has it, the faulted snapshot does not, and no error of
 *       the faulted snapshot says its type may be incomplete in its account and region;</li>
 *   <li>a <em>silent PASS</em> is a finding that PASSes on the faulted snapshot but did not on the baseline;</li>
 *   <li>a <em>fault FAIL</em> is a finding that FAILs on the faulted snapshot but did not on the baseline: a fault is
 *       UNKNOWN, not a failure.</li>
 * </ul>
 * All three must be zero; the counts are printed and written to {@code aws-adapter/target/fault-run.txt}. Skipped, with a
 * message, where moto_server is not installed.
 */
class FaultInjectionTest {
    static final AwsCredentialsProvider ROOT = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    static final String REGION = "us-east-1";
    static MotoServer moto;
    static FaultProxy proxy;
    static software.amazon.awssdk.http.SdkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        proxy = new FaultProxy(moto.endpoint());
        http = UrlConnectionHttpClient.builder().build();
        build(moto.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (http != null) {
            http.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(Supplier<B> b, URI endpoint) {
        return b.get().region(Region.of(REGION)).endpointOverride(endpoint).credentialsProvider(ROOT).httpClient(http)
                .build();
    }

    /** An organisation of four accounts; the management account has a trail notifying a topic, a bucket, a
     * recorder with a delivery channel, a log group with a metric filter and an alarm. */
    static void build(URI e) {
        OrganizationsClient org = client(OrganizationsClient::builder, e);
        org.createOrganization(b -> b.featureSet("ALL"));
        for (String n : List.of("audit", "workload", "sandbox")) {
            org.createAccount(b -> b.accountName(n).email(n + "@example.com"));
        }
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(e).forcePathStyle(true)
                .credentialsProvider(ROOT).httpClient(http).build();
        s3.createBucket(b -> b.bucket("trail-logs"));
        s3.putBucketPolicy(b -> b.bucket("trail-logs").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                + "\"W\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":"
                + "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::trail-logs/AWSLogs/123456789012/*\"}]}"));
        String topic = client(SnsClient::builder, e).createTopic(b -> b.name("trail-notify")).topicArn();
        IamClient iam = client(IamClient::builder, e);
        String role = iam.createRole(b -> b.roleName("cw-delivery").assumeRolePolicyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"cloudtrail.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        CloudWatchLogsClient logs = client(CloudWatchLogsClient::builder, e);
        logs.createLogGroup(b -> b.logGroupName("trail"));
        logs.putMetricFilter(b -> b.logGroupName("trail").filterName("root").filterPattern(
                "{ $.userIdentity.type = \"Root\" }").metricTransformations(m -> m.metricName("Root")
                .metricNamespace("CIS").metricValue("1")));
        String group = logs.describeLogGroups(b -> b.logGroupNamePrefix("trail")).logGroups().get(0).arn();
        client(CloudWatchClient::builder, e).putMetricAlarm(b -> b.alarmName("root").metricName("Root")
                .namespace("CIS").statistic("Sum").period(300).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold").alarmActions(topic));
        CloudTrailClient ct = client(CloudTrailClient::builder, e);
        ct.createTrail(b -> b.name("main").s3BucketName("trail-logs").isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true).snsTopicName("trail-notify").cloudWatchLogsLogGroupArn(group)
                .cloudWatchLogsRoleArn(role));
        ct.startLogging(b -> b.name("main"));
        ct.createTrail(b -> b.name("second").s3BucketName("trail-logs").includeGlobalServiceEvents(true));
        ConfigClient config = client(ConfigClient::builder, e);
        config.putConfigurationRecorder(b -> b.configurationRecorder(c -> c.name("default").roleARN(role)
                .recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(true))));
        config.putDeliveryChannel(b -> b.deliveryChannel(d -> d.name("default").s3BucketName("trail-logs")));
        config.startConfigurationRecorder(b -> b.configurationRecorderName("default"));
    }

    static JsonNode collect() {
        CollectOptions o = CollectOptions.defaults().withRegions(List.of(REGION)).withOrganization(true, null, null)
                .withEndpointOverride(proxy.endpoint()).withCredentialsProvider(ROOT)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)).withRetries(2, Duration.ofMillis(1))
                .withConcurrency(8);
        return SnapshotCollector.collect(o, ProgressListener.NONE);
    }

    record Run(FaultProxy.Fault fault, int injected, List<String> lost, List<String> silentPass, List<String> faultFail,
               int errors) {
    }

    @Test
    void noFaultLosesAResourceSilentlyOrTurnsAFindingIntoAPass() throws Exception {
        proxy.inject(null);
        JsonNode base = collect();
        Snapshot baseSnap = Snapshot.parse(base.toString(), "baseline");
        assertEquals(4, base.path("accounts").size(), "the baseline lists the organisation's four accounts");
        RulePack pack = BuiltinRules.pack();
        Map<String, Status> baseStatus = statuses(Engine.create().scan(pack, baseSnap).findings());
        List<String> ops = new ArrayList<>(new TreeSet<>(proxy.operationsSeen));

        // every operation with every kind of bad answer under -Dtrailguard.faultRun=full (docs/fuzzing.md);
        // by default denial for every operation and the other kinds for the operations that read one resource
        boolean full = "full".equals(System.getProperty("trailguard.faultRun"));
        List<String> keyOps = List.of("organizations:ListAccounts", "sns:GetTopicAttributes",
                "config:DescribeDeliveryChannelStatus", "config:DescribeConfigurationRecorderStatus",
                "config:DescribeConfigurationRecorders", "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus",
                "s3:GetBucketPolicy", "s3:ListBuckets", "iam:GetRole", "logs:DescribeMetricFilters");
        List<FaultProxy.Fault> faults = new ArrayList<>();
        for (String op : ops) {
            for (FaultProxy.Kind k : List.of(FaultProxy.Kind.DENY, FaultProxy.Kind.GARBLED, FaultProxy.Kind.EMPTY_200)) {
                if (full || k == FaultProxy.Kind.DENY || keyOps.contains(op)) {
                    faults.add(new FaultProxy.Fault(k, op));
                }
            }
        }
        for (String op : List.of("organizations:ListAccounts", "sns:GetTopicAttributes", "config:DescribeDeliveryChannelStatus",
                "cloudtrail:DescribeTrails", "s3:GetBucketPolicy", "iam:GetRole")) {
            faults.add(new FaultProxy.Fault(FaultProxy.Kind.THROTTLE, op));
            faults.add(new FaultProxy.Fault(FaultProxy.Kind.SERVER_ERROR, op));
        }
        faults.add(new FaultProxy.Fault(FaultProxy.Kind.PARTIAL_LISTING, "organizations:ListAccounts"));

        List<Run> runs = new ArrayList<>();
        for (FaultProxy.Fault f : faults) {
            proxy.inject(f);
            JsonNode faulted;
            try {
                faulted = collect();
            } catch (CollectionException stopped) {
                // the collection could not start (the caller's identity is unreadable): a clear stop, not a snapshot
                runs.add(new Run(f, proxy.injected.get(), List.of(), List.of(), List.of(), -1));
                continue;
            }
            Snapshot snap = Snapshot.parse(faulted.toString(), f.toString());
            List<Finding> findings = Engine.create().scan(pack, snap).findings();
            runs.add(new Run(f, proxy.injected.get(), lost(base, faulted, snap.index().gaps()),
                    changed(baseStatus, findings, Status.PASS), changed(baseStatus, findings, Status.FAIL),
                    faulted.path("errors").size()));
        }
        proxy.inject(null);

        int injectedRuns = (int) runs.stream().filter(r -> r.injected() > 0).count();
        int lost = runs.stream().mapToInt(r -> r.lost().size()).sum();
        int silent = runs.stream().mapToInt(r -> r.silentPass().size()).sum();
        int faultFail = runs.stream().mapToInt(r -> r.faultFail().size()).sum();
        StringBuilder report = new StringBuilder("fault run: " + runs.size() + " faulted collections over "
                + ops.size() + " operations (" + injectedRuns + " with the fault injected), baseline "
                + base.path("resources").size() + " resources in " + base.path("accounts").size()
                + " accounts; resources lost silently " + lost + ", silent PASS " + silent
                + ", FAIL caused by a fault (UNKNOWN expected) " + faultFail + "\n");
        for (Run r : runs) {
            report.append(r.fault().kind()).append(' ').append(r.fault().operation()).append(": injected ")
                    .append(r.injected()).append(", errors ").append(r.errors()).append(", lost ").append(r.lost())
                    .append(", silent PASS ").append(r.silentPass()).append(", fault FAIL ").append(r.faultFail())
                    .append('\n');
        }
        System.out.println(report.toString().lines().findFirst().orElse(""));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fault-run.txt"), report);
        assertTrue(lost == 0 && silent == 0 && faultFail == 0, report.toString());
    }

    private static List<String> lost(JsonNode base, JsonNode faulted, CollectionGaps gaps) {
        java.util.Set<String> present = new java.util.HashSet<>();
        faulted.path("resources").forEach(r -> present.add(r.path("type").asText() + " " + r.path("id").asText()));
        List<String> out = new ArrayList<>();
        for (JsonNode r : base.path("resources")) {
            String type = r.path("type").asText();
            String key = type + " " + r.path("id").asText();
            String region = r.path("region").asText();
            if (!present.contains(key) && gaps.typeGap(type, r.path("accountId").asText(),
                    region.equals("global") ? null : region).isEmpty()) {
                out.add(key);
            }
        }
        return out;
    }

    private static Map<String, Status> statuses(List<Finding> findings) {
        Map<String, Status> m = new HashMap<>();
        for (Finding f : findings) {
            m.put(key(f), f.status());
        }
        return m;
    }

    private static String key(Finding f) {
        ResourceRef r = f.resource();
        return f.ruleId() + " " + r.type() + " " + r.id();
    }

    /** Findings that have {@code status} with the fault but another status without it. */
    private static List<String> changed(Map<String, Status> base, List<Finding> faulted, Status status) {
        List<String> out = new ArrayList<>();
        for (Finding f : faulted) {
            Status before = base.get(key(f));
            if (f.status() == status && before != null && before != status) {
                out.add(key(f) + " (" + before + " without the fault)");
            }
        }
        return out;
    }
}
