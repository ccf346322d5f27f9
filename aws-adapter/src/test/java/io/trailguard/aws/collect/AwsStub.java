package io.trailguard.aws.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A WireMock server on 127.0.0.1 that answers the collector's calls in AWS's wire formats: JSON 1.1 by
 * {@code X-Amz-Target}, query protocols by {@code Action=}, REST-XML (S3, Route 53) by method and path. The default
 * answers come from the fixture files under {@code src/test/resources/aws/}.
 */
public final class AwsStub implements AutoCloseable {
    public static final String ACCOUNT = "111122223333";
    public static final String CENTRAL = "central-trail-logs";
    public static final String BARE = "bare-bucket";
    public final WireMockServer server;

    public AwsStub() {
        this(25);
    }

    public AwsStub(int threads) {
        server = new WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().containerThreads(threads)
                .jettyAcceptors(2).asynchronousResponseEnabled(false));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Options for a fast test run: static fake credentials, short timeouts, quick retries. */
    public CollectOptions options(String... regions) {
        return CollectOptions.defaults()
                .withRegions(List.of(regions))
                .withEndpointOverride(endpoint())
                .withCredentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret-not-real")))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withRetries(3, Duration.ofMillis(5))
                .withConcurrency(4);
    }

    public static String fixture(String path) {
        try (InputStream in = AwsStub.class.getResourceAsStream("/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- request matchers ----

    public static MappingBuilder json(String target) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(wireTarget(target)));
    }

    /** CloudTrail's X-Amz-Target carries its Smithy namespace. */
    public static String wireTarget(String target) {
        return target.startsWith("CloudTrail_20131101.") ? "com.amazonaws.cloudtrail.v20131101." + target : target;
    }

    public static MappingBuilder query(String action) {
        return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    public static com.github.tomakehurst.wiremock.matching.StringValuePattern containing_(String s) {
        return containing(s);
    }

    public static MappingBuilder bucket(String bucket, String subresource) {
        return get(urlPathEqualTo("/" + bucket)).withQueryParam(subresource, matching(".*"));
    }

    /** Only requests signed for {@code region}. */
    public static MappingBuilder inRegion(MappingBuilder m, String region) {
        return m.withHeader("Authorization", containing("/" + region + "/"));
    }

    // ---- responses ----

    public static ResponseDefinitionBuilder jsonBody(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    public static ResponseDefinitionBuilder xmlBody(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    public static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    public static ResponseDefinitionBuilder queryError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>");
    }

    public static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error></Errors><RequestID>req-1</RequestID></Response>");
    }

    public static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>req-1</RequestId><HostId>host-1</HostId></Error>");
    }

    // ---- the default account ----

    public AwsStub defaults() {
        WireMockServer s = server;
        // JSON 1.1: CloudTrail, KMS, Config, Logs, Organizations, Route 53 Resolver
        for (String t : List.of("CloudTrail_20131101.DescribeTrails", "CloudTrail_20131101.GetTrailStatus",
                "CloudTrail_20131101.GetEventSelectors", "TrentService.ListAliases", "TrentService.GetKeyPolicy",
                "TrentService.GetKeyRotationStatus", "StarlingDoveService.DescribeConfigurationRecorders",
                "StarlingDoveService.DescribeConfigurationRecorderStatus",
                "StarlingDoveService.DescribeDeliveryChannels", "StarlingDoveService.DescribeDeliveryChannelStatus",
                "Logs_20140328.DescribeLogGroups", "Logs_20140328.DescribeMetricFilters",
                "Logs_20140328.DescribeResourcePolicies", "AWSOrganizationsV20161128.DescribeOrganization")) {
            s.stubFor(json(t).willReturn(jsonBody(fixture("json/" + t + ".json"))));
        }
        s.stubFor(json("TrentService.ListKeys").willReturn(jsonBody(fixture("json/TrentService.ListKeys.json"))));
        s.stubFor(json("TrentService.ListKeys").withRequestBody(containing("page-2"))
                .willReturn(jsonBody(fixture("json/TrentService.ListKeys.page2.json"))));
        s.stubFor(json("TrentService.DescribeKey")
                .willReturn(jsonBody(fixture("json/TrentService.DescribeKey.json"))));
        s.stubFor(json("TrentService.DescribeKey").withRequestBody(containing("0987dcba-09fe-87dc-65ba-ab0987654321"))
                .willReturn(jsonBody(fixture("json/TrentService.DescribeKey.key2.json"))));
        for (String t : List.of("Route53Resolver.ListResolverQueryLogConfigs",
                "Route53Resolver.ListResolverQueryLogConfigAssociations")) {
            s.stubFor(json(t).willReturn(jsonBody(fixture("json/" + t + ".json"))));
            s.stubFor(json(t).withRequestBody(containing("page-2"))
                    .willReturn(jsonBody(fixture("json/" + t + ".page2.json"))));
        }
        s.stubFor(json("AWSOrganizationsV20161128.ListAccounts")
                .willReturn(jsonBody(fixture("json/AWSOrganizationsV20161128.ListAccounts.json"))));
        s.stubFor(json("AWSOrganizationsV20161128.ListAccounts").withRequestBody(containing("page-2"))
                .willReturn(jsonBody(fixture("json/AWSOrganizationsV20161128.ListAccounts.page2.json"))));
        // the organisation's tree: the management account under the root, 222222222222 in one OU below it
        s.stubFor(json("AWSOrganizationsV20161128.ListRoots")
                .willReturn(jsonBody(fixture("json/AWSOrganizationsV20161128.ListRoots.json"))));
        for (String[] parent : new String[][] {{"r-ab12", "root"}, {"ou-ab12-11111111", "ou"}}) {
            for (String op : List.of("ListAccountsForParent", "ListOrganizationalUnitsForParent")) {
                s.stubFor(json("AWSOrganizationsV20161128." + op).withRequestBody(containing("\"" + parent[0] + "\""))
                        .willReturn(jsonBody(fixture("json/AWSOrganizationsV20161128." + op + "." + parent[1]
                                + ".json"))));
            }
        }
        // query protocols: STS, EC2, IAM, SNS, CloudWatch
        for (String a : List.of("GetCallerIdentity", "AssumeRole", "DescribeRegions", "DescribeSubnets",
                "DescribeNetworkInterfaces", "DescribeFlowLogs", "DescribeAlarms", "GetTopicAttributes",
                "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies", "GetPolicy", "GetPolicyVersion")) {
            s.stubFor(query(a).willReturn(xmlBody(fixture("query/" + a + ".xml"))));
        }
        s.stubFor(query("DescribeVpcs").willReturn(xmlBody(fixture("query/DescribeVpcs.xml"))));
        s.stubFor(query("DescribeVpcs").withRequestBody(containing("NextToken=page-2"))
                .willReturn(xmlBody(fixture("query/DescribeVpcs.page2.xml"))));
        s.stubFor(query("GetRole").willReturn(queryError(404, "NoSuchEntity", "The role cannot be found.")));
        s.stubFor(query("GetRole").withRequestBody(containing("RoleName=CloudTrail_CloudWatchLogs_Role"))
                .willReturn(xmlBody(fixture("query/GetRole.xml"))));
        // S3 (path style)
        s.stubFor(get(urlPathEqualTo("/")).willReturn(xmlBody(fixture("s3/ListBuckets.xml"))));
        s.stubFor(get(urlPathEqualTo("/")).withQueryParam("continuation-token", equalTo("page-2"))
                .willReturn(xmlBody(fixture("s3/ListBuckets.page2.xml"))));
        s.stubFor(get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))
                .willReturn(xmlBody(fixture("s3/AccountPublicAccessBlock.xml"))));
        s.stubFor(bucket(BARE, "location").willReturn(xmlBody(fixture("s3/GetBucketLocation.xml"))));
        s.stubFor(bucket(CENTRAL, "policy").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("s3/GetBucketPolicy.json"))));
        for (String[] op : new String[][] {{"policyStatus", "GetBucketPolicyStatus"},
                {"encryption", "GetBucketEncryption"}, {"versioning", "GetBucketVersioning"},
                {"replication", "GetBucketReplication"}, {"logging", "GetBucketLogging"},
                {"publicAccessBlock", "GetPublicAccessBlock"}, {"lifecycle", "GetBucketLifecycleConfiguration"},
                {"object-lock", "GetObjectLockConfiguration"}, {"acl", "GetBucketAcl"},
                {"ownershipControls", "GetBucketOwnershipControls"}}) {
            s.stubFor(bucket(CENTRAL, op[0]).willReturn(xmlBody(fixture("s3/" + op[1] + ".xml"))));
        }
        // the bare bucket: nothing configured
        s.stubFor(bucket(BARE, "policy").willReturn(s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist")));
        s.stubFor(bucket(BARE, "policyStatus").willReturn(s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist")));
        s.stubFor(bucket(BARE, "encryption").willReturn(s3Error(404, "ServerSideEncryptionConfigurationNotFoundError",
                "The server side encryption configuration was not found")));
        s.stubFor(bucket(BARE, "versioning").willReturn(xmlBody(fixture("s3/GetBucketVersioning.empty.xml"))));
        s.stubFor(bucket(BARE, "replication").willReturn(s3Error(404, "ReplicationConfigurationNotFoundError",
                "The replication configuration was not found")));
        s.stubFor(bucket(BARE, "logging").willReturn(xmlBody(fixture("s3/GetBucketLogging.empty.xml"))));
        s.stubFor(bucket(BARE, "publicAccessBlock").willReturn(s3Error(404, "NoSuchPublicAccessBlockConfiguration",
                "The public access block configuration was not found")));
        s.stubFor(bucket(BARE, "lifecycle").willReturn(s3Error(404, "NoSuchLifecycleConfiguration",
                "The lifecycle configuration does not exist")));
        s.stubFor(bucket(BARE, "object-lock").willReturn(s3Error(404, "ObjectLockConfigurationNotFoundError",
                "Object Lock configuration does not exist for this bucket")));
        s.stubFor(bucket(BARE, "acl").willReturn(xmlBody(fixture("s3/GetBucketAcl.xml"))));
        s.stubFor(bucket(BARE, "ownershipControls").willReturn(s3Error(404, "OwnershipControlsNotFoundError",
                "The bucket ownership controls were not found")));
        // Route 53
        s.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone"))
                .willReturn(xmlBody(fixture("route53/ListHostedZones.xml"))));
        s.stubFor(get(urlPathEqualTo("/2013-04-01/queryloggingconfig"))
                .willReturn(xmlBody(fixture("route53/ListQueryLoggingConfigs.xml"))));
        s.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z2682N5HXP0BZ4"))
                .willReturn(xmlBody(fixture("route53/GetHostedZone.xml"))));
        return this;
    }

    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
