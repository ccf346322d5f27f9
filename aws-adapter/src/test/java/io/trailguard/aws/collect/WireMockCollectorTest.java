package io.trailguard.aws.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.trailguard.aws.collect.AwsStub.ACCOUNT;
import static io.trailguard.aws.collect.AwsStub.BARE;
import static io.trailguard.aws.collect.AwsStub.CENTRAL;
import static io.trailguard.aws.collect.AwsStub.bucket;
import static io.trailguard.aws.collect.AwsStub.ec2Error;
import static io.trailguard.aws.collect.AwsStub.inRegion;
import static io.trailguard.aws.collect.AwsStub.json;
import static io.trailguard.aws.collect.AwsStub.jsonBody;
import static io.trailguard.aws.collect.AwsStub.jsonError;
import static io.trailguard.aws.collect.AwsStub.query;
import static io.trailguard.aws.collect.AwsStub.queryError;
import static io.trailguard.aws.collect.AwsStub.s3Error;
import static io.trailguard.aws.collect.AwsStub.wireTarget;
import static io.trailguard.aws.collect.AwsStub.xmlBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Real SDK clients against a WireMock server answering in AWS wire formats. */
class WireMockCollectorTest {
    static AwsStub aws;

    @BeforeAll
    static void start() {
        aws = new AwsStub();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.server.resetAll();
        aws.defaults();
    }

    static ObjectNode collect(CollectOptions o) {
        return SnapshotCollector.collect(o, ProgressListener.NONE);
    }

    static JsonNode resource(JsonNode s, String type, String id) {
        for (JsonNode r : s.get("resources")) {
            if (r.get("type").asText().equals(type) && r.get("id").asText().equals(id)) {
                return r;
            }
        }
        return null;
    }

    static List<JsonNode> resources(JsonNode s, String type) {
        List<JsonNode> out = new ArrayList<>();
        s.get("resources").forEach(r -> {
            if (r.get("type").asText().equals(type) && r.get("accountId").asText().equals(ACCOUNT)) {
                out.add(r);
            }
        });
        return out;
    }

    static List<JsonNode> errors(JsonNode s, String operation) {
        List<JsonNode> out = new ArrayList<>();
        s.get("errors").forEach(e -> {
            if (e.get("operation").asText().equals(operation)) {
                out.add(e);
            }
        });
        return out;
    }

    /** The snapshot of the default fixtures in us-east-1, checked once in full. */
    static void assertWhole(JsonNode s) {
        assertEquals(2, resources(s, "AWS::CloudTrail::Trail").size());
        assertEquals(2, resources(s, "AWS::KMS::Key").size());
        assertEquals(2, resources(s, "AWS::EC2::VPC").size());
        assertEquals(1, resources(s, "AWS::EC2::Subnet").size());
        assertEquals(1, resources(s, "AWS::EC2::NetworkInterface").size());
        assertEquals(1, resources(s, "AWS::EC2::FlowLog").size());
        assertEquals(1, resources(s, "AWS::Config::ConfigurationRecorder").size());
        assertEquals(2, resources(s, "AWS::Route53::HostedZone").size());
        assertEquals(2, resources(s, "AWS::Logs::LogGroup").size());
        assertEquals(1, resources(s, "AWS::Logs::ResourcePolicy").size());
        assertEquals(1, resources(s, "AWS::CloudWatch::Alarm").size());
        assertEquals(1, resources(s, "AWS::IAM::Role").size());
        assertEquals(1, resources(s, "AWS::SNS::Topic").size());
        assertEquals(2, resources(s, "AWS::S3::Bucket").size());
        assertEquals(1, resources(s, "AWS::S3::AccountPublicAccessBlock").size());
        // Resolver query logging: the account's own configuration (the shared one is its owner's) and both pages
        // of associations
        assertEquals(1, resources(s, "AWS::Route53Resolver::ResolverQueryLoggingConfig").size());
        assertEquals(2, resources(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation").size());
    }

    @Test
    void collectsTheWholeAccountWithAwsFieldNames() {
        JsonNode s = collect(aws.options("us-east-1"));
        assertEquals(0, s.get("errors").size(), s.get("errors").toPrettyString());
        assertEquals(1, s.get("snapshotVersion").asInt());
        assertTrue(s.get("capturedAt").asText().endsWith("Z"));
        assertEquals("o-a1b2c3d4e5", s.at("/organization/id").asText());
        assertEquals(ACCOUNT, s.at("/organization/managementAccountId").asText());
        assertEquals(ACCOUNT, s.at("/accounts/0/id").asText());
        assertEquals("us-east-1", s.at("/accounts/0/regions/0").asText());
        assertEquals("not-opted-in", s.at("/source/regionOptInStatus/" + ACCOUNT + "/ap-east-1").asText());
        assertWhole(s);

        JsonNode trail = resource(s, "AWS::CloudTrail::Trail",
                "arn:aws:cloudtrail:us-east-1:111122223333:trail/S3-DataEvents").get("configuration");
        assertTrue(trail.get("IsMultiRegionTrail").asBoolean());
        assertEquals("custodian-skunk-trails", trail.get("S3BucketName").asText());
        assertFalse(trail.at("/Status/IsLogging").asBoolean());
        assertEquals("2018-01-14T06:25:59.630Z", trail.at("/Status/LatestDeliveryTime").asText());
        assertEquals("All", trail.at("/EventSelectors/0/ReadWriteType").asText());

        JsonNode central = resource(s, "AWS::S3::Bucket", "arn:aws:s3:::" + CENTRAL).get("configuration");
        assertEquals("us-east-1", central.get("Region").asText());
        assertEquals("AWSCloudTrailWrite", central.at("/Policy/Statement/1/Sid").asText());
        assertFalse(central.at("/PolicyStatus/IsPublic").asBoolean());
        assertEquals("aws:kms", central.at("/Encryption/Rules/0/ApplyServerSideEncryptionByDefault/SSEAlgorithm")
                .asText());
        assertEquals("Enabled", central.at("/Versioning/Status").asText());
        assertEquals("Disabled", central.at("/Versioning/MFADelete").asText());
        assertEquals("arn:aws:iam::111122223333:role/replication-role", central.at("/Replication/Role").asText());
        assertEquals("AWSLogs/", central.at("/Replication/Rules/0/Filter/Prefix").asText());
        assertEquals("access-logs", central.at("/Logging/LoggingEnabled/TargetBucket").asText());
        assertTrue(central.at("/PublicAccessBlock/RestrictPublicBuckets").asBoolean());
        assertEquals(400, central.at("/Lifecycle/Rules/0/Expiration/Days").asInt());
        assertEquals("COMPLIANCE", central.at("/ObjectLock/Rule/DefaultRetention/Mode").asText());
        assertEquals("FULL_CONTROL", central.at("/Acl/Grants/0/Permission").asText());
        assertEquals("BucketOwnerEnforced", central.at("/OwnershipControls/Rules/0/ObjectOwnership").asText());

        // absent is not unknown: the bare bucket's "not configured" answers are absent fields, not errors
        JsonNode bare = resource(s, "AWS::S3::Bucket", "arn:aws:s3:::" + BARE);
        assertEquals("eu-west-1", bare.get("region").asText());
        JsonNode bc = bare.get("configuration");
        for (String f : List.of("Policy", "PolicyStatus", "Encryption", "Replication", "PublicAccessBlock",
                "Lifecycle", "ObjectLock", "OwnershipControls")) {
            assertNull(bc.get(f), f);
        }
        assertEquals(0, bc.get("Versioning").size());
        assertEquals(0, bc.get("Logging").size());

        JsonNode key = resource(s, "AWS::KMS::Key",
                "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321").get("configuration");
        assertEquals("CUSTOMER", key.get("KeyManager").asText());
        assertEquals("2017-07-13T23:22:49.234Z", key.get("CreationDate").asText());
        assertEquals("kms:*", key.at("/Policy/Statement/0/Action").asText());
        assertTrue(key.get("KeyRotationEnabled").asBoolean());
        assertEquals("alias/trail-logs", key.at("/Aliases/0/AliasName").asText());

        JsonNode vpc = resource(s, "AWS::EC2::VPC", "vpc-0a60eb65b4EXAMPLE").get("configuration");
        assertEquals("10.0.0.0/16", vpc.get("CidrBlock").asText());
        assertEquals("Name", vpc.at("/Tags/0/Key").asText());
        assertEquals("eni-0f4ea5d3e1EXAMPLE",
                resource(s, "AWS::EC2::FlowLog", "fl-1a2b3c4d").at("/configuration/ResourceId").asText());

        JsonNode rec = resource(s, "AWS::Config::ConfigurationRecorder",
                "arn:aws:config:us-east-1:111122223333:configuration-recorder/default").get("configuration");
        assertTrue(rec.at("/recordingGroup/allSupported").asBoolean());
        assertTrue(rec.at("/Status/recording").asBoolean());
        assertEquals("SUCCESS", rec.at("/DeliveryChannels/0/Status/configHistoryDeliveryInfo/lastStatus").asText());

        JsonNode zone = resource(s, "AWS::Route53::HostedZone", "arn:aws:route53:::hostedzone/Z1D633PJN98FT9")
                .get("configuration");
        assertEquals("/hostedzone/Z1D633PJN98FT9", zone.get("Id").asText());
        assertEquals("arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/example.com",
                zone.at("/QueryLoggingConfigs/0/CloudWatchLogsLogGroupArn").asText());
        assertEquals("vpc-0a60eb65b4EXAMPLE", resource(s, "AWS::Route53::HostedZone",
                "arn:aws:route53:::hostedzone/Z2682N5HXP0BZ4").at("/configuration/VPCs/0/VPCId").asText());

        JsonNode lg = resource(s, "AWS::Logs::LogGroup",
                "arn:aws:logs:us-east-1:111122223333:log-group:metric-filter-test3").get("configuration");
        assertEquals(365, lg.get("retentionInDays").asInt());
        assertEquals(2, lg.get("MetricFilters").size());
        assertEquals("route53.amazonaws.com", resource(s, "AWS::Logs::ResourcePolicy",
                "arn:aws:logs:us-east-1:111122223333:resource-policy/AWSServiceRoleForRoute53-query-logging")
                .at("/configuration/policyDocument/Statement/0/Principal/Service").asText());

        JsonNode role = resource(s, "AWS::IAM::Role", "arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role")
                .get("configuration");
        assertEquals("cloudtrail.amazonaws.com", role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service")
                .asText());
        assertEquals("logs:PutLogEvents", role.at("/RolePolicyList/0/PolicyDocument/Statement/0/Action/1").asText());
        assertEquals("s3:Get*", role.at("/AttachedManagedPolicies/0/PolicyDocument/Statement/0/Action/0").asText());
        // the flow-log and replication roles do not exist (NoSuchEntity): absent, not an error
        assertNull(resource(s, "AWS::IAM::Role", "arn:aws:iam::111122223333:role/flow-logs-role"));

        JsonNode topic = resource(s, "AWS::SNS::Topic", "arn:aws:sns:us-east-1:111122223333:trail-topic")
                .get("configuration");
        assertEquals("SNS:Publish", topic.at("/Policy/Statement/0/Action").asText());
        assertEquals("111122223333", topic.at("/Attributes/Owner").asText());

        JsonNode alarm = resource(s, "AWS::CloudWatch::Alarm", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:EventCount")
                .get("configuration");
        assertEquals("TestCount", alarm.get("MetricName").asText());

        JsonNode qlc = resource(s, "AWS::Route53Resolver::ResolverQueryLoggingConfig",
                "arn:aws:route53resolver:us-east-1:111122223333:resolver-query-log-config/rqlc-8ca61fe7c055415a");
        assertEquals("us-east-1", qlc.get("region").asText());
        assertEquals("rqlc-8ca61fe7c055415a", qlc.at("/configuration/Id").asText());
        assertEquals("CREATED", qlc.at("/configuration/Status").asText());
        assertEquals("arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53resolver/queries",
                qlc.at("/configuration/DestinationArn").asText());
        assertEquals("2025-06-02T10:10:00.000Z", qlc.at("/configuration/CreationTime").asText());
        assertNull(resource(s, "AWS::Route53Resolver::ResolverQueryLoggingConfig",
                "arn:aws:route53resolver:us-east-1:444455556666:resolver-query-log-config/rqlc-4c1a2e5b7d9f0a13"),
                "a configuration shared with the account is its owner's resource");
        JsonNode assoc = resource(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
                "rqlca-5e4d3c2b1a0f9e8d").get("configuration");
        assertEquals("vpc-0a60eb65b4EXAMPLE", assoc.get("ResourceId").asText());
        assertEquals("rqlc-8ca61fe7c055415a", assoc.get("ResolverQueryLogConfigId").asText());
        assertEquals("ACTIVE", assoc.get("Status").asText());
        JsonNode broken = resource(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
                "rqlca-0f1e2d3c4b5a6978").get("configuration");
        assertEquals("ACTION_NEEDED", broken.get("Status").asText());
        assertEquals("DESTINATION_NOT_FOUND", broken.get("Error").asText());
    }

    @Test
    void everyListCallPagesToTheEnd() {
        JsonNode s = collect(aws.options("us-east-1"));
        assertNotNull(resource(s, "AWS::KMS::Key",
                "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"), "ListKeys page 2");
        assertNotNull(resource(s, "AWS::EC2::VPC", "vpc-06e4ab6c6cEXAMPLE"), "DescribeVpcs page 2");
        assertNotNull(resource(s, "AWS::S3::Bucket", "arn:aws:s3:::" + BARE), "ListBuckets page 2");
        assertNotNull(resource(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
                "rqlca-0f1e2d3c4b5a6978"), "ListResolverQueryLogConfigAssociations page 2");
        for (String t : List.of("ListResolverQueryLogConfigs", "ListResolverQueryLogConfigAssociations")) {
            aws.server.verify(2, postRequestedFor(urlPathEqualTo("/"))
                    .withHeader("X-Amz-Target", WireMock.equalTo("Route53Resolver." + t)));
            aws.server.verify(1, postRequestedFor(urlPathEqualTo("/"))
                    .withHeader("X-Amz-Target", WireMock.equalTo("Route53Resolver." + t))
                    .withRequestBody(containing("\"NextToken\":\"page-2\"")));
        }
        aws.server.verify(2, postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", WireMock.equalTo("TrentService.ListKeys")));
        aws.server.verify(2, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeVpcs&")));
    }

    @Test
    void organisationAccountsArePagedAndCollectedThroughAssumedRoles() {
        aws.server.stubFor(query("AssumeRole").withRequestBody(containing("222222222222"))
                .willReturn(queryError(403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole")));
        AtomicInteger accountsDone = new AtomicInteger();
        AtomicLong calls = new AtomicLong();
        ObjectNode s = SnapshotCollector.collect(aws.options("us-east-1").withOrganization(true, null, "ext-123"),
                (a, at, r, rt, c) -> {
                    accountsDone.accumulateAndGet(a, Math::max);
                    calls.accumulateAndGet(c, Math::max);
                });
        List<String> ids = new ArrayList<>();
        s.get("accounts").forEach(a -> ids.add(a.get("id").asText()));
        assertEquals(List.of(ACCOUNT, "222222222222", "333333333333"), ids, "ACTIVE accounts of both pages");
        assertEquals("management", s.at("/accounts/0/name").asText());
        assertEquals(0, s.at("/accounts/1/regions").size(), "the account that could not be entered");
        List<JsonNode> denied = errors(s, "AssumeRole");
        assertEquals(1, denied.size(), s.get("errors").toPrettyString());
        assertEquals("222222222222", denied.get(0).get("accountId").asText());
        assertEquals("AccessDenied", denied.get(0).get("code").asText());
        assertEquals("sts", denied.get(0).get("service").asText());
        assertEquals(3, accountsDone.get());
        assertTrue(calls.get() > 50, "progress reports calls: " + calls.get());
        // the member role was assumed with the default role name and the external id
        aws.server.verify(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole&"))
                .withRequestBody(containing("333333333333%3Arole%2FOrganizationAccountAccessRole"))
                .withRequestBody(containing("ExternalId=ext-123")));
        assertWhole(s); // the management account is whole (members answer with the same fixtures)
        assertNotNull(resource(s, "AWS::S3::AccountPublicAccessBlock", "333333333333"));
        assertNull(resource(s, "AWS::S3::AccountPublicAccessBlock", "222222222222"));
        // aws:SourceOrgPaths: each account's path down to its parent, from the organisation's tree
        assertEquals("o-a1b2c3d4e5/r-ab12/", s.at("/accounts/0/organizationPath").asText());
        assertEquals("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", s.at("/accounts/1/organizationPath").asText());
        assertTrue(s.at("/accounts/2").path("organizationPath").isMissingNode(),
                "an account the tree does not list gets no path, never a guessed one");
    }

    @Test
    void aDeniedOrganisationTreeLeavesThePathsOutAndSaysWhichCallFailed() {
        aws.server.stubFor(json("AWSOrganizationsV20161128.ListOrganizationalUnitsForParent")
                .willReturn(jsonError(400, "AccessDeniedException", "You don't have permissions to access this resource.")));
        ObjectNode s = SnapshotCollector.collect(aws.options("us-east-1").withOrganization(true, null, null),
                (a, at, r, rt, c) -> { });
        assertEquals("o-a1b2c3d4e5/r-ab12/", s.at("/accounts/0/organizationPath").asText(), "the root's own accounts");
        assertTrue(s.at("/accounts/1").path("organizationPath").isMissingNode(), s.get("accounts").toPrettyString());
        List<JsonNode> denied = errors(s, "ListOrganizationalUnitsForParent");
        assertEquals(1, denied.size(), s.get("errors").toPrettyString());
        assertEquals("AccessDeniedException", denied.get(0).get("code").asText());
    }

    @Test
    void shadowTrailsBecomeOneResourceAtTheirHomeRegion() {
        JsonNode s = collect(aws.options("us-east-1", "eu-west-1"));
        List<JsonNode> trails = resources(s, "AWS::CloudTrail::Trail");
        assertEquals(2, trails.size());
        trails.forEach(t -> assertEquals("us-east-1", t.get("region").asText()));
        aws.server.verify(2, postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", WireMock.equalTo(wireTarget("CloudTrail_20131101.DescribeTrails"))));
        aws.server.verify(2, postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", WireMock.equalTo(wireTarget("CloudTrail_20131101.GetTrailStatus"))));
        aws.server.verify(2, postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", WireMock.equalTo(wireTarget("CloudTrail_20131101.GetEventSelectors"))));
        for (LoggedRequest r : aws.requests()) {
            if (r.getHeader("X-Amz-Target") != null && r.getHeader("X-Amz-Target").endsWith("GetTrailStatus")) {
                assertTrue(r.getHeader("Authorization").contains("/us-east-1/"), "status read at the home region");
            }
        }
    }

    @Test
    void noCallIsMadeTwice() {
        collect(aws.options("us-east-1", "eu-west-1"));
        Map<String, Integer> seen = new HashMap<>();
        for (LoggedRequest r : aws.requests()) {
            String auth = r.getHeader("Authorization");
            String scope = auth.substring(auth.indexOf("Credential=") + 11, auth.indexOf(','));
            scope = scope.substring(0, scope.lastIndexOf('/', scope.lastIndexOf('/') - 1)); // key/date/region
            String key = scope + " " + r.getMethod() + " " + r.getUrl() + " " + r.getHeader("X-Amz-Target") + " "
                    + r.getBodyAsString();
            seen.merge(key, 1, Integer::sum);
        }
        seen.forEach((k, n) -> assertEquals(1, n, "made " + n + " times: " + k));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        String sc = "throttle";
        aws.server.stubFor(query("DescribeSubnets").inScenario(sc).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
                .willSetStateTo("once"));
        aws.server.stubFor(query("DescribeSubnets").inScenario(sc).whenScenarioStateIs("once")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
                .willSetStateTo("twice"));
        aws.server.stubFor(query("DescribeSubnets").inScenario(sc).whenScenarioStateIs("twice")
                .willReturn(xmlBody(AwsStub.fixture("query/DescribeSubnets.xml"))));
        aws.server.stubFor(json("TrentService.GetKeyPolicy").inScenario("kms").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("ok"));
        aws.server.stubFor(json("TrentService.GetKeyPolicy").inScenario("kms").whenScenarioStateIs("ok")
                .willReturn(jsonBody(AwsStub.fixture("json/TrentService.GetKeyPolicy.json"))));
        JsonNode s = collect(aws.options("us-east-1"));
        assertEquals(0, s.get("errors").size(), s.get("errors").toPrettyString());
        assertWhole(s);
        aws.server.verify(3, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets&")));
    }

    @Test
    void throttlingPastRetriesIsAnError() {
        aws.server.stubFor(query("DescribeSubnets").willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        JsonNode s = collect(aws.options("us-east-1"));
        JsonNode e = errors(s, "DescribeSubnets").get(0);
        assertEquals("RequestLimitExceeded", e.get("code").asText());
        assertEquals("AWS::EC2::Subnet", e.get("resourceType").asText());
        assertNull(e.get("resourceId"));
        assertEquals(0, resources(s, "AWS::EC2::Subnet").size());
        aws.server.verify(3, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets&")));
        assertEquals(2, resources(s, "AWS::EC2::VPC").size());
    }

    @Test
    void accessDeniedInOneRegionLeavesTheOtherWhole() {
        aws.server.stubFor(inRegion(json("TrentService.ListKeys"), "eu-west-1")
                .willReturn(jsonError(400, "AccessDeniedException", "User is not authorized to perform kms:ListKeys")));
        aws.server.stubFor(inRegion(query("DescribeVpcs"), "eu-west-1")
                .willReturn(ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        JsonNode s = collect(aws.options("us-east-1", "eu-west-1"));
        List<JsonNode> kms = errors(s, "ListKeys");
        assertEquals(1, kms.size());
        JsonNode e = kms.get(0);
        assertEquals(ACCOUNT, e.get("accountId").asText());
        assertEquals("eu-west-1", e.get("region").asText());
        assertEquals("kms", e.get("service").asText());
        assertEquals("AccessDeniedException", e.get("code").asText());
        assertEquals("User is not authorized to perform kms:ListKeys", e.get("message").asText());
        assertEquals("AWS::KMS::Key", e.get("resourceType").asText());
        JsonNode v = errors(s, "DescribeVpcs").get(0);
        assertEquals("UnauthorizedOperation", v.get("code").asText());
        assertEquals("eu-west-1", v.get("region").asText());
        resources(s, "AWS::KMS::Key").forEach(k -> assertEquals("us-east-1", k.get("region").asText()));
        assertEquals(2, resources(s, "AWS::KMS::Key").size());
        assertEquals(2, errors(s, "ListKeys").size() + errors(s, "DescribeVpcs").size());
        aws.server.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeVpcs&"))
                .withHeader("Authorization", containing("/eu-west-1/")));
    }

    /**
     * Denied Resolver query-log associations are recorded for the whole type in that account and region, so R53-03
     * says UNKNOWN for the private zone whose VPC is there (with the associations listed it passes).
     */
    @Test
    void deniedResolverQueryLogAssociationsMakeR53_03Unknown() {
        assertEquals(io.trailguard.core.Status.PASS, r53_03(collect(aws.options("us-east-1"))));
        aws.server.stubFor(json("Route53Resolver.ListResolverQueryLogConfigAssociations").willReturn(jsonError(400,
                "AccessDeniedException", "User is not authorized to perform: "
                        + "route53resolver:ListResolverQueryLogConfigAssociations")));
        JsonNode s = collect(aws.options("us-east-1"));
        List<JsonNode> denied = errors(s, "ListResolverQueryLogConfigAssociations");
        assertEquals(1, denied.size(), s.get("errors").toPrettyString());
        JsonNode e = denied.get(0);
        assertEquals("route53resolver", e.get("service").asText());
        assertEquals("us-east-1", e.get("region").asText());
        assertEquals("AccessDeniedException", e.get("code").asText());
        assertEquals("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", e.get("resourceType").asText());
        assertEquals(0, resources(s, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation").size());
        assertEquals(1, resources(s, "AWS::Route53Resolver::ResolverQueryLoggingConfig").size(),
                "the other listing is whole");
        assertEquals(io.trailguard.core.Status.UNKNOWN, r53_03(s));
    }

    /** R53-03's status for the collected private zone Z2682N5HXP0BZ4. */
    private static io.trailguard.core.Status r53_03(JsonNode snapshot) {
        var snap = io.trailguard.core.Snapshot.parse(snapshot.toString(), "collected");
        return io.trailguard.core.Engine.create().scan(io.trailguard.rules.BuiltinRules.pack(), snap).findings()
                .stream().filter(f -> f.ruleId().equals("R53-03")
                        && f.resource().id().equals("arn:aws:route53:::hostedzone/Z2682N5HXP0BZ4"))
                .map(io.trailguard.core.Finding::status).findFirst().orElseThrow();
    }

    @Test
    void accessDeniedForOneBucketMarksOnlyItsFields() {
        aws.server.stubFor(bucket(CENTRAL, "policy").willReturn(s3Error(403, "AccessDenied", "Access Denied")));
        aws.server.stubFor(bucket(BARE, "location").willReturn(s3Error(403, "AccessDenied", "Access Denied")));
        JsonNode s = collect(aws.options("us-east-1"));
        JsonNode e = errors(s, "GetBucketPolicy").get(0);
        assertEquals("s3", e.get("service").asText());
        assertEquals("AccessDenied", e.get("code").asText());
        assertEquals("AWS::S3::Bucket", e.get("resourceType").asText());
        assertEquals("arn:aws:s3:::" + CENTRAL, e.get("resourceId").asText());
        assertEquals("Policy", e.at("/fields/0").asText());
        JsonNode central = resource(s, "AWS::S3::Bucket", "arn:aws:s3:::" + CENTRAL).get("configuration");
        assertNull(central.get("Policy"));
        assertNotNull(central.get("Encryption"));
        assertNotNull(central.get("Replication"));
        JsonNode loc = errors(s, "GetBucketLocation").get(0);
        assertEquals("Region", loc.at("/fields/0").asText());
        assertNull(resource(s, "AWS::S3::Bucket", "arn:aws:s3:::" + BARE).at("/configuration/Region").textValue());
        assertEquals(2, s.get("errors").size(), s.get("errors").toPrettyString());
    }

    @Test
    void readsTheTopicsAlarmsNotifyWithRetriesAndRecordsTheUnreadableOne() {
        aws.server.stubFor(query("DescribeAlarms")
                .willReturn(xmlBody(AwsStub.fixture("query/DescribeAlarms.actions.xml"))));
        String own = "arn:aws:sns:us-east-1:" + ACCOUNT + ":security-alarms";
        String foreign = "arn:aws:sns:eu-west-1:999988887777:central-alarms";
        String ownTopic = AwsStub.fixture("query/GetTopicAttributes.xml").replace(":trail-topic", ":security-alarms");
        aws.server.stubFor(query("GetTopicAttributes").withRequestBody(containing("security-alarms"))
                .inScenario("sns").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(queryError(400, "Throttling", "Rate exceeded")).willSetStateTo("ok"));
        aws.server.stubFor(query("GetTopicAttributes").withRequestBody(containing("security-alarms"))
                .inScenario("sns").whenScenarioStateIs("ok").willReturn(xmlBody(ownTopic)));
        aws.server.stubFor(query("GetTopicAttributes").withRequestBody(containing("central-alarms"))
                .willReturn(queryError(403, "AuthorizationError", "User: arn:aws:iam::" + ACCOUNT
                        + ":user/audit is not authorized to perform: SNS:GetTopicAttributes")));

        JsonNode s = collect(aws.options("us-east-1"));

        JsonNode topic = resource(s, "AWS::SNS::Topic", own);
        assertNotNull(topic, "the topic the alarm notifies is read: " + s.get("resources"));
        assertEquals("us-east-1", topic.get("region").asText());
        assertEquals("1", topic.at("/configuration/Attributes/SubscriptionsConfirmed").asText());
        assertNotNull(resource(s, "AWS::SNS::Topic", "arn:aws:sns:us-east-1:" + ACCOUNT + ":trail-topic"),
                "the trail's topic is still read");
        aws.server.verify(2, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=GetTopicAttributes&"))
                .withRequestBody(containing("security-alarms")));
        // the other account's topic: tried with this account's credentials in its own region, refused, recorded
        aws.server.verify(1, postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=GetTopicAttributes&")).withRequestBody(containing("central-alarms"))
                .withHeader("Authorization", containing("/eu-west-1/sns/")));
        // kept as a resource that names itself only (nothing read), so rules over it say UNKNOWN, never "no topic"
        JsonNode unread = resource(s, "AWS::SNS::Topic", foreign);
        assertEquals(List.of("TopicArn"), iterableFields(unread.get("configuration")), unread.toPrettyString());
        List<JsonNode> errs = errors(s, "GetTopicAttributes");
        assertEquals(1, errs.size(), s.get("errors").toPrettyString());
        JsonNode e = errs.get(0);
        assertEquals("AuthorizationError", e.get("code").asText());
        assertEquals("sns", e.get("service").asText());
        assertEquals("eu-west-1", e.get("region").asText());
        assertEquals("AWS::SNS::Topic", e.get("resourceType").asText());
        assertEquals(foreign, e.get("resourceId").asText());
        // the Auto Scaling action is no topic: nothing asked about it
        aws.server.verify(0, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("scalingPolicy")));
    }

    @Test
    void a500IsRetriedThenRecorded() {
        aws.server.stubFor(json("StarlingDoveService.DescribeConfigurationRecorders")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalFailure\",\"message\":\"We encountered an internal error.\"}")));
        aws.server.stubFor(bucket(CENTRAL, "encryption").willReturn(aResponse().withStatus(500)
                .withBody("<html><body>Internal Server Error</body></html>")));
        JsonNode s = collect(aws.options("us-east-1"));
        JsonNode e = errors(s, "DescribeConfigurationRecorders").get(0);
        assertEquals("InternalFailure", e.get("code").asText());
        assertEquals("AWS::Config::ConfigurationRecorder", e.get("resourceType").asText());
        aws.server.verify(3, postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target",
                WireMock.equalTo("StarlingDoveService.DescribeConfigurationRecorders")));
        JsonNode enc = errors(s, "GetBucketEncryption").get(0);
        assertEquals("arn:aws:s3:::" + CENTRAL, enc.get("resourceId").asText());
        assertEquals("Encryption", enc.at("/fields/0").asText());
        assertEquals(2, s.get("errors").size(), s.get("errors").toPrettyString());
        assertEquals(2, resources(s, "AWS::S3::Bucket").size());
        assertEquals(0, resources(s, "AWS::Config::ConfigurationRecorder").size());
    }

    @Test
    void aTimeoutIsRecordedAsTimeout() {
        aws.server.stubFor(query("DescribeAlarms").willReturn(xmlBody(AwsStub.fixture("query/DescribeAlarms.xml"))
                .withFixedDelay(3_000)));
        long t0 = System.nanoTime();
        JsonNode s = collect(aws.options("us-east-1").withTimeouts(java.time.Duration.ofMillis(1500),
                java.time.Duration.ofMillis(400)));
        JsonNode e = errors(s, "DescribeAlarms").get(0);
        assertEquals("Timeout", e.get("code").asText());
        assertEquals("cloudwatch", e.get("service").asText());
        assertEquals("AWS::CloudWatch::Alarm", e.get("resourceType").asText());
        assertEquals(1, s.get("errors").size(), s.get("errors").toPrettyString());
        assertEquals(2, resources(s, "AWS::EC2::VPC").size());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the call timeout bounds the wait");
    }

    @Test
    void aMalformedBodyIsRecordedAsMalformedResponse() {
        aws.server.stubFor(json("Logs_20140328.DescribeLogGroups").willReturn(jsonBody("{\"logGroups\": [{\"logGroupName\": ")));
        aws.server.stubFor(query("DescribeFlowLogs").willReturn(xmlBody("<DescribeFlowLogsResponse><flowLogSet><item>")));
        aws.server.stubFor(json("TrentService.GetKeyPolicy").willReturn(jsonBody("{\"Policy\": \"{not json\"}")));
        JsonNode s = collect(aws.options("us-east-1"));
        assertEquals("MalformedResponse", errors(s, "DescribeLogGroups").get(0).get("code").asText());
        assertEquals("AWS::Logs::LogGroup", errors(s, "DescribeLogGroups").get(0).get("resourceType").asText());
        assertEquals("MalformedResponse", errors(s, "DescribeFlowLogs").get(0).get("code").asText());
        List<JsonNode> pol = errors(s, "GetKeyPolicy");
        assertEquals(2, pol.size());
        assertEquals("MalformedResponse", pol.get(0).get("code").asText());
        assertEquals("Policy", pol.get(0).at("/fields/0").asText());
        assertEquals(2, resources(s, "AWS::KMS::Key").size());
        assertEquals(2, resources(s, "AWS::S3::Bucket").size());
        assertEquals(0, resources(s, "AWS::Logs::LogGroup").size());
    }

    @Test
    void regionsNotEnabledAreReportedNotCollected() {
        JsonNode s = collect(aws.options("us-east-1", "ap-east-1"));
        JsonNode e = errors(s, "DescribeRegions").get(0);
        assertEquals("RegionNotEnabled", e.get("code").asText());
        assertEquals("ap-east-1", e.get("region").asText());
        assertEquals(1, s.at("/accounts/0/regions").size());
        for (LoggedRequest r : aws.requests()) {
            assertFalse(r.getHeader("Authorization").contains("/ap-east-1/"), r.getUrl());
        }
    }

    @Test
    void missingCredentialsSayHowToProvideThem() {
        CollectOptions o = aws.options("us-east-1").withCredentialsProvider(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        });
        CollectionException e = assertThrows(CollectionException.class, () -> collect(o));
        assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
        assertTrue(e.getMessage().contains("--profile"), e.getMessage());
        assertFalse(e.getMessage().contains("test-secret"), e.getMessage());
        assertEquals(0, aws.requests().size());
    }

    @Test
    void aKeyThatCannotBeDescribedKeepsWhatIsKnown() {
        aws.server.stubFor(json("TrentService.DescribeKey").withRequestBody(containing("0987dcba-09fe-87dc-65ba-ab0987654321"))
                .willReturn(jsonError(400, "AccessDeniedException", "not authorized to perform kms:DescribeKey")));
        aws.server.stubFor(bucket(CENTRAL, "versioning").willReturn(xmlBody("<VersioningConfiguration><Status>Ena")));
        JsonNode s = collect(aws.options("us-east-1"));
        String arn = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
        JsonNode key = resource(s, "AWS::KMS::Key", arn).get("configuration");
        assertEquals("0987dcba-09fe-87dc-65ba-ab0987654321", key.get("KeyId").asText());
        assertNull(key.get("KeyState"));
        assertNotNull(key.get("Policy"));
        JsonNode e = errors(s, "DescribeKey").get(0);
        assertEquals(arn, e.get("resourceId").asText());
        assertTrue(e.toString().contains("\"KeyState\""), e.toString());
        JsonNode v = errors(s, "GetBucketVersioning").get(0);
        assertEquals("MalformedResponse", v.get("code").asText());
        assertEquals("Versioning", v.at("/fields/0").asText());
        assertNull(resource(s, "AWS::S3::Bucket", "arn:aws:s3:::" + CENTRAL).at("/configuration/Versioning")
                .textValue());
        assertEquals(2, s.get("errors").size(), s.get("errors").toPrettyString());
    }

    @Test
    void progressReportsAccountsRegionsAndCalls() {
        List<int[]> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastCalls = new AtomicLong();
        collect(aws.options("us-east-1", "eu-west-1"));
        int requests = aws.requests().size();
        aws.server.resetRequests();
        SnapshotCollector.collect(aws.options("us-east-1", "eu-west-1"), (a, at, r, rt, c) -> {
            seen.add(new int[] {a, at, r, rt});
            lastCalls.accumulateAndGet(c, Math::max);
        });
        int[] last = seen.stream().reduce((x, y) -> y[0] >= x[0] && y[2] >= x[2] ? y : x).orElseThrow();
        assertEquals(1, last[0]);
        assertEquals(1, last[1]);
        assertEquals(2, last[2]);
        assertEquals(2, last[3]);
        assertEquals(requests, lastCalls.get(), "every HTTP call is counted once");
    }

    @Test
    void optionsNeverPrintSecrets() {
        String s = aws.options("us-east-1").withOrganization(true, "Audit", "secret-external-id").toString();
        assertFalse(s.contains("test-secret"));
        assertFalse(s.contains("secret-external-id"));
    }

    private static List<String> iterableFields(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
