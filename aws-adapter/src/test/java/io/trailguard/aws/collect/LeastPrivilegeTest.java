package io.trailguard.aws.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Records every request a full collection (organisation, two regions) makes against the stub and checks that
 * docs/trailguard-read-policy.json grants exactly those actions: none missing, none extra.
 */
class LeastPrivilegeTest {
    private static final Map<String, String> JSON_PREFIX = Map.of(
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", "cloudtrail",
            "TrentService", "kms",
            "StarlingDoveService", "config",
            "Logs_20140328", "logs",
            "AWSOrganizationsV20161128", "organizations",
            "Route53Resolver", "route53resolver");
    private static final Map<String, String> QUERY_VERSION = Map.of(
            "2016-11-15", "ec2", "2010-05-08", "iam", "2011-06-15", "sts", "2010-03-31", "sns",
            "2010-08-01", "cloudwatch");
    private static final Map<String, String> S3_SUBRESOURCE = Map.ofEntries(
            Map.entry("policy", "s3:GetBucketPolicy"), Map.entry("policyStatus", "s3:GetBucketPolicyStatus"),
            Map.entry("encryption", "s3:GetEncryptionConfiguration"),
            Map.entry("versioning", "s3:GetBucketVersioning"),
            Map.entry("replication", "s3:GetReplicationConfiguration"), Map.entry("logging", "s3:GetBucketLogging"),
            Map.entry("publicAccessBlock", "s3:GetBucketPublicAccessBlock"),
            Map.entry("lifecycle", "s3:GetLifecycleConfiguration"),
            Map.entry("object-lock", "s3:GetBucketObjectLockConfiguration"), Map.entry("acl", "s3:GetBucketAcl"),
            Map.entry("ownershipControls", "s3:GetBucketOwnershipControls"),
            Map.entry("location", "s3:GetBucketLocation"));
    private static final Pattern FORM = Pattern.compile("(?:^|&)(Action|Version)=([^&]*)");

    /** The IAM action a request needs, from its X-Amz-Target, its Action= and Version=, or its method and path. */
    static String action(LoggedRequest r) {
        String target = r.getHeader("X-Amz-Target");
        if (target != null) {
            int dot = target.lastIndexOf('.');
            String svc = JSON_PREFIX.get(target.substring(0, dot));
            assertNotNull(svc, "unknown JSON target " + target);
            return svc + ":" + target.substring(dot + 1);
        }
        String body = r.getBodyAsString();
        if ("POST".equals(r.getMethod().getName()) && body.contains("Action=")) {
            String action = null;
            String version = null;
            Matcher m = FORM.matcher(body);
            while (m.find()) {
                String v = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
                if (m.group(1).equals("Action")) {
                    action = v;
                } else {
                    version = v;
                }
            }
            String svc = QUERY_VERSION.get(version);
            assertNotNull(svc, "unknown query API version " + version + " in " + body);
            return svc + ":" + action;
        }
        String path = r.getUrl().split("\\?")[0];
        String queryString = r.getUrl().contains("?") ? r.getUrl().substring(r.getUrl().indexOf('?') + 1) : "";
        if (path.startsWith("/2013-04-01/")) {
            if (path.equals("/2013-04-01/hostedzone")) {
                return "route53:ListHostedZones";
            }
            if (path.startsWith("/2013-04-01/hostedzone/")) {
                return "route53:GetHostedZone";
            }
            if (path.equals("/2013-04-01/queryloggingconfig")) {
                return "route53:ListQueryLoggingConfigs";
            }
        }
        if (path.equals("/v20180820/configuration/publicAccessBlock")) {
            return "s3:GetAccountPublicAccessBlock";
        }
        if (path.equals("/")) {
            return "s3:ListAllMyBuckets";
        }
        for (String p : queryString.split("&")) {
            String name = p.split("=")[0];
            if (S3_SUBRESOURCE.containsKey(name)) {
                return S3_SUBRESOURCE.get(name);
            }
        }
        throw new AssertionError("cannot tell the action of " + r.getMethod() + " " + r.getUrl());
    }

    @Test
    void thePolicyGrantsExactlyTheActionsTheCollectorCalls() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(Files.readString(findPolicy()));
        TreeSet<String> granted = new TreeSet<>();
        for (JsonNode st : policy.get("Statement")) {
            assertEquals("Allow", st.get("Effect").asText());
            JsonNode a = st.get("Action");
            if (a.isArray()) {
                a.forEach(x -> granted.add(x.asText()));
            } else {
                granted.add(a.asText());
            }
        }
        granted.forEach(a -> assertTrue(!a.contains("*") && a.matches("[a-z0-9]+:(Get|List|Describe|AssumeRole)\\w*"),
                "read-only, no wildcards: " + a));

        TreeSet<String> called = new TreeSet<>();
        try (AwsStub aws = new AwsStub()) {
            aws.defaults();
            SnapshotCollector.collect(aws.options("us-east-1", "eu-west-1").withOrganization(true, null, null),
                    ProgressListener.NONE);
            for (LoggedRequest r : aws.requests()) {
                called.add(action(r));
            }
        }
        TreeSet<String> missing = new TreeSet<>(called);
        missing.removeAll(granted);
        assertTrue(missing.isEmpty(), "the collector calls actions the policy does not grant: " + missing);
        TreeSet<String> extra = new TreeSet<>(granted);
        extra.removeAll(called);
        assertTrue(extra.isEmpty(), "the policy grants actions the collector never calls: " + extra);
    }

    static Path findPolicy() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("docs/trailguard-read-policy.json");
            if (Files.exists(f)) {
                return f;
            }
        }
        throw new AssertionError("docs/trailguard-read-policy.json not found above " + Path.of("").toAbsolutePath());
    }
}
