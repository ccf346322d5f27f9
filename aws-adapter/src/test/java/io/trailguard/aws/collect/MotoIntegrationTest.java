package io.trailguard.aws.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Integration tier: the collector against moto_server, an AWS emulator, with a small organisation built through the
 * SDK. Skipped, with a message, where moto_server is not installed.
 */
class MotoIntegrationTest {
    static final String MANAGEMENT = "123456789012"; // moto's default account
    static MotoServer moto;
    static URI endpoint;
    static software.amazon.awssdk.http.SdkHttpClient http;
    static final AwsCredentialsProvider ROOT = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("testing", "testing"));
    static String member;
    static String rootId;
    static String workloadsOu;
    static String keyArn;
    static String memberVpc;
    static String queryLogConfig;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        endpoint = moto.endpoint();
        http = UrlConnectionHttpClient.builder().build();
        buildOrganisation();
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (http != null) {
            http.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
            C client(Supplier<B> builder, String region, AwsCredentialsProvider creds) {
        return builder.get().region(Region.of(region)).endpointOverride(endpoint).credentialsProvider(creds)
                .httpClient(http).build();
    }

    static void buildOrganisation() {
        String r = "us-east-1";
        OrganizationsClient org = client(OrganizationsClient::builder, r, ROOT);
        org.createOrganization(b -> b.featureSet("ALL"));
        member = org.createAccount(b -> b.accountName("workload").email("workload@example.com"))
                .createAccountStatus().accountId();
        // the member sits in an OU below the root: its aws:SourceOrgPaths is o-…/r-…/ou-…/
        String root = org.listRoots().roots().get(0).id();
        workloadsOu = org.createOrganizationalUnit(b -> b.parentId(root).name("Workloads")).organizationalUnit().id();
        org.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId(workloadsOu));
        rootId = root;

        IamClient iam = client(IamClient::builder, r, ROOT);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "[\"cloudtrail.amazonaws.com\",\"vpc-flow-logs.amazonaws.com\",\"s3.amazonaws.com\"]},"
                + "\"Action\":\"sts:AssumeRole\"}]}";
        String roleArn = iam.createRole(b -> b.roleName("trail-delivery").assumeRolePolicyDocument(trust))
                .role().arn();
        iam.putRolePolicy(b -> b.roleName("trail-delivery").policyName("deliver")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}"));

        KmsClient kms = client(KmsClient::builder, r, ROOT);
        String keyPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + MANAGEMENT + ":root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"AllowCloudTrailEncrypt\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"kms:GenerateDataKey*\","
                + "\"Resource\":\"*\"}]}";
        keyArn = kms.createKey(b -> b.description("trail logs").policy(keyPolicy)).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/trail-logs").targetKeyId(keyArn));
        kms.enableKeyRotation(b -> b.keyId(keyArn));

        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(ROOT).httpClient(http).build();
        s3.createBucket(b -> b.bucket("central-logs"));
        s3.putBucketPolicy(b -> b.bucket("central-logs").policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":"
                + "\"arn:aws:s3:::central-logs/AWSLogs/" + MANAGEMENT + "/*\"}]}"));
        s3.putBucketVersioning(b -> b.bucket("central-logs")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.createBucket(b -> b.bucket("central-logs-replica")
                .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        s3.putBucketVersioning(b -> b.bucket("central-logs-replica")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putBucketReplication(b -> b.bucket("central-logs").replicationConfiguration(c -> c.role(roleArn)
                .rules(rule -> rule.id("replicate").status("Enabled").priority(1)
                        .filter(f -> f.prefix("AWSLogs/"))
                        .deleteMarkerReplication(d -> d.status("Disabled"))
                        .destination(d -> d.bucket("arn:aws:s3:::central-logs-replica")))));

        CloudWatchLogsClient logs = client(CloudWatchLogsClient::builder, r, ROOT);
        logs.createLogGroup(b -> b.logGroupName("org-trail"));
        logs.putRetentionPolicy(b -> b.logGroupName("org-trail").retentionInDays(365));
        logs.putMetricFilter(b -> b.logGroupName("org-trail").filterName("root-usage")
                .filterPattern("{ $.userIdentity.type = \"Root\" }")
                .metricTransformations(m -> m.metricName("RootUsage").metricNamespace("CIS").metricValue("1")));
        logs.createLogGroup(b -> b.logGroupName("flow-logs"));
        String logGroupArn = logs.describeLogGroups(b -> b.logGroupNamePrefix("org-trail")).logGroups().get(0).arn();

        CloudTrailClient ct = client(CloudTrailClient::builder, r, ROOT);
        ct.createTrail(b -> b.name("org-trail").s3BucketName("central-logs").isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true).enableLogFileValidation(true).kmsKeyId(keyArn)
                .cloudWatchLogsLogGroupArn(logGroupArn).cloudWatchLogsRoleArn(roleArn));
        ct.putEventSelectors(b -> b.trailName("org-trail").eventSelectors(e -> e.readWriteType(ReadWriteType.ALL)
                .includeManagementEvents(true).dataResources(d -> d.type("AWS::S3::Object")
                        .values("arn:aws:s3"))));
        ct.startLogging(b -> b.name("org-trail"));
        ct.createTrail(b -> b.name("second-global").s3BucketName("central-logs").includeGlobalServiceEvents(true));

        Ec2Client ec2 = client(Ec2Client::builder, r, ROOT);
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.1.0/24")).subnet().subnetId();
        String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
        ec2.createFlowLogs(b -> b.resourceIds(eni).resourceType("NetworkInterface").trafficType("ALL")
                .logGroupName("flow-logs").deliverLogsPermissionArn(roleArn));

        ConfigClient config = client(ConfigClient::builder, r, ROOT);
        config.putConfigurationRecorder(b -> b.configurationRecorder(c -> c.name("default").roleARN(roleArn)
                .recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(true))));

        Route53Client r53 = Route53Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(ROOT).httpClient(http).build();
        r53.createHostedZone(b -> b.name("example.com").callerReference("ref-1"));

        // the member account, entered through the role the collector will assume
        StsClient sts = client(StsClient::builder, r, ROOT);
        Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole")
                .roleSessionName("setup")).credentials();
        AwsCredentialsProvider memberCreds = StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken()));
        S3Client ms3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(memberCreds).httpClient(http).build();
        ms3.createBucket(b -> b.bucket("workload-data-" + member));
        // a central alarm topic in the management account that the member's alarm notifies: read by its owner
        String topic = client(software.amazon.awssdk.services.sns.SnsClient::builder, r, ROOT)
                .createTopic(b -> b.name("central-alarms")).topicArn();
        client(software.amazon.awssdk.services.cloudwatch.CloudWatchClient::builder, r, memberCreds)
                .putMetricAlarm(b -> b.alarmName("RootAccountUsage").metricName("RootAccountUsage")
                        .namespace("CISBenchmark").statistic("Sum").period(300).evaluationPeriods(1).threshold(1.0)
                        .comparisonOperator("GreaterThanOrEqualToThreshold").alarmActions(topic));
        memberVpc = client(Ec2Client::builder, "eu-west-1", memberCreds).createVpc(b -> b.cidrBlock("10.2.0.0/16"))
                .vpc().vpcId();
        // the member's VPC logs its DNS queries (Route 53 Resolver query logging) and resolves a private zone
        client(CloudWatchLogsClient::builder, "eu-west-1", memberCreds)
                .createLogGroup(b -> b.logGroupName("/aws/route53resolver/queries"));
        Route53ResolverClient resolver = client(Route53ResolverClient::builder, "eu-west-1", memberCreds);
        queryLogConfig = resolver.createResolverQueryLogConfig(b -> b.name("dns-queries").creatorRequestId("setup-1")
                .destinationArn("arn:aws:logs:eu-west-1:" + member + ":log-group:/aws/route53resolver/queries"))
                .resolverQueryLogConfig().id();
        resolver.associateResolverQueryLogConfig(b -> b.resolverQueryLogConfigId(queryLogConfig)
                .resourceId(memberVpc));
        Route53Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).credentialsProvider(memberCreds)
                .httpClient(http).build().createHostedZone(b -> b.name("corp.internal").callerReference("ref-2")
                        .hostedZoneConfig(h -> h.privateZone(true))
                        .vpc(v -> v.vpcId(memberVpc).vpcRegion("eu-west-1")));
    }

    @Test
    void collectsTheOrganisationFromTheEmulator() {
        CollectOptions o = CollectOptions.defaults().withRegions(List.of("us-east-1", "eu-west-1"))
                .withOrganization(true, null, null).withEndpointOverride(endpoint).withCredentialsProvider(ROOT)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)).withRetries(2, Duration.ofMillis(10))
                .withConcurrency(4);
        JsonNode s = SnapshotCollector.collect(o, ProgressListener.NONE);
        System.out.println("moto collection errors: " + s.get("errors").toPrettyString());
        List<String> accounts = new ArrayList<>();
        s.get("accounts").forEach(a -> accounts.add(a.get("id").asText()));
        assertTrue(accounts.contains(MANAGEMENT) && accounts.contains(member), accounts.toString());
        assertTrue(s.at("/organization/id").asText().startsWith("o-"));
        assertEquals(MANAGEMENT, s.at("/organization/managementAccountId").asText());
        String orgId = s.at("/organization/id").asText();
        s.get("accounts").forEach(a -> assertEquals(orgId + "/" + rootId + "/"
                        + (a.get("id").asText().equals(member) ? workloadsOu + "/" : ""),
                a.path("organizationPath").asText(), a.toString()));

        JsonNode trail = find(s, "AWS::CloudTrail::Trail", "trail/org-trail");
        assertEquals(MANAGEMENT, trail.get("accountId").asText());
        assertEquals("us-east-1", trail.get("region").asText());
        JsonNode tc = trail.get("configuration");
        assertTrue(tc.get("IsMultiRegionTrail").asBoolean());
        assertEquals(keyArn, tc.get("KmsKeyId").asText());
        assertTrue(tc.at("/Status/IsLogging").asBoolean());
        assertEquals("AWS::S3::Object", tc.at("/EventSelectors/0/DataResources/0/Type").asText());
        assertEquals(1, count(s, "AWS::CloudTrail::Trail", "trail/org-trail"), "shadow copies are not repeated");

        JsonNode bucket = WireMockCollectorTest.resource(s, "AWS::S3::Bucket", "arn:aws:s3:::central-logs")
                .get("configuration");
        assertEquals("AWSCloudTrailWrite", bucket.at("/Policy/Statement/0/Sid").asText());
        assertEquals("Enabled", bucket.at("/Versioning/Status").asText());
        assertTrue(bucket.at("/Replication/Role").asText().endsWith("role/trail-delivery"));
        assertEquals("eu-west-1", find(s, "AWS::S3::Bucket", "central-logs-replica").get("region").asText());
        assertEquals(member, find(s, "AWS::S3::Bucket", "workload-data-" + member).get("accountId").asText());

        JsonNode key = find(s, "AWS::KMS::Key", keyArn).get("configuration");
        assertEquals("AllowCloudTrailEncrypt", key.at("/Policy/Statement/1/Sid").asText());
        assertTrue(key.get("KeyRotationEnabled").asBoolean());
        assertEquals("alias/trail-logs", key.at("/Aliases/0/AliasName").asText());

        assertNotNull(find(s, "AWS::EC2::FlowLog", "fl-"));
        assertNotNull(find(s, "AWS::EC2::NetworkInterface", "eni-"));
        assertNotNull(find(s, "AWS::EC2::Subnet", "subnet-"));
        assertTrue(s.get("resources").toString().contains("10.2.0.0/16"), "the member's eu-west-1 VPC");
        JsonNode lg = find(s, "AWS::Logs::LogGroup", "log-group:org-trail").get("configuration");
        assertEquals("root-usage", lg.at("/MetricFilters/0/filterName").asText());
        assertEquals("default", find(s, "AWS::Config::ConfigurationRecorder", "default").at("/configuration/name")
                .asText());
        List<String> zones = new ArrayList<>();
        s.get("resources").forEach(x -> {
            if (x.get("type").asText().equals("AWS::Route53::HostedZone")) {
                zones.add(x.at("/configuration/Name").asText());
            }
        });
        assertEquals(java.util.Set.of("example.com.", "corp.internal."), java.util.Set.copyOf(zones),
                "the management's zone and the member's");
        assertEquals(2, zones.size());
        JsonNode topic = find(s, "AWS::SNS::Topic", ":central-alarms");
        assertEquals(MANAGEMENT, topic.get("accountId").asText(), "the member's alarm topic, read by its owner");
        assertEquals(MANAGEMENT, topic.at("/configuration/Attributes/Owner").asText());
        assertEquals(1, count(s, "AWS::SNS::Topic", ":central-alarms"));
        // Route 53 Resolver query logging, read in the member account's region, and R53-03 decided by it
        JsonNode qlc = find(s, "AWS::Route53Resolver::ResolverQueryLoggingConfig", queryLogConfig);
        assertEquals(member, qlc.get("accountId").asText());
        assertEquals("eu-west-1", qlc.get("region").asText());
        assertEquals("dns-queries", qlc.at("/configuration/Name").asText());
        JsonNode assoc = find(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", "");
        assertEquals(memberVpc, assoc.at("/configuration/ResourceId").asText());
        assertEquals(queryLogConfig, assoc.at("/configuration/ResolverQueryLogConfigId").asText());
        assertEquals("ACTIVE", assoc.at("/configuration/Status").asText());
        assertEquals(1, count(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", ""));
        var findings = io.trailguard.core.Engine.create().scan(io.trailguard.rules.BuiltinRules.pack(),
                io.trailguard.core.Snapshot.parse(s.toString(), "moto")).findings().stream()
                .filter(f -> f.ruleId().equals("R53-03") && f.status() != io.trailguard.core.Status.NOT_APPLICABLE)
                .toList();
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(io.trailguard.core.Status.PASS, findings.get(0).status(), findings.get(0).toString());

        JsonNode role = find(s, "AWS::IAM::Role", "role/trail-delivery").get("configuration");
        assertEquals("sts:AssumeRole", role.at("/AssumeRolePolicyDocument/Statement/0/Action").asText());
        assertEquals("deliver", role.at("/RolePolicyList/0/PolicyName").asText());

        // only moto's known gaps may show up as errors (see shared/DEPENDENCIES.md), each fully described
        java.util.Set<String> knownGaps = java.util.Set.of("DescribeDeliveryChannelStatus", "GetPublicAccessBlock",
                "GetBucketEncryption");
        for (JsonNode e : s.get("errors")) {
            assertTrue(knownGaps.contains(e.get("operation").asText()), "unexpected error: " + e);
            for (String f : List.of("accountId", "region", "service", "operation", "code", "message")) {
                assertTrue(e.hasNonNull(f), f + " in " + e);
            }
        }
    }

    static JsonNode find(JsonNode s, String type, String idPart) {
        for (JsonNode r : s.get("resources")) {
            if (r.get("type").asText().equals(type) && r.get("id").asText().contains(idPart)) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " with id containing " + idPart);
    }

    static int count(JsonNode s, String type, String idPart) {
        int n = 0;
        for (JsonNode r : s.get("resources")) {
            if (r.get("type").asText().equals(type) && r.get("id").asText().contains(idPart)) {
                n++;
            }
        }
        return n;
    }
}
