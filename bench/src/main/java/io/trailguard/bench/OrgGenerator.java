package io.trailguard.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic AWS organisation as a snapshot (docs/snapshot-format.md), deterministic for a seed: N accounts × R
 * regions, about 100 resources per account. Account 0 is the management account (organisation trail), account 1 the
 * log archive (central CloudTrail bucket and KMS key whose policies list every account); every account has 20–50
 * buckets with policies, 5–20 KMS keys with key policies, and per region VPCs with subnets, network interfaces and
 * flow logs at mixed levels, log groups with metric filters, alarms and a Config recorder; hosted zones are global.
 * About {@code misconfigShare} of the accounts get planted misconfigurations (missing from the central bucket or key
 * policy, member trails without a key / validation / CloudWatch delivery, VPCs without flow logs, public buckets,
 * denied API calls). The JSON is written as a stream, indented like {@code trailguard collect} writes it.
 */
public final class OrgGenerator {
    public static final String[] REGIONS = {"us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2", "eu-central-1"};
    static final String CAPTURED_AT = "2026-11-20T09:00:00Z";
    static final String CENTRAL_BUCKET = "bench-central-cloudtrail-logs";
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] WORDS = {"data", "assets", "backups", "exports", "uploads", "reports", "archive",
            "static", "artifacts", "media", "logs", "tmp", "ml", "etl", "lake"};

    private final int accounts;
    private final int regions;
    private final double misconfigShare;
    private final SplittableRandom random;
    private final String orgId;
    private long counter;
    private int resources;
    private int planted;

    /** What one generation produced. */
    public record Stats(int accounts, int regions, int resources, int errors, int plantedAccounts, long bytes) {
    }

    public OrgGenerator(int accounts, int regions, long seed, double misconfigShare) {
        if (accounts < 2 || regions < 1 || regions > REGIONS.length) {
            throw new IllegalArgumentException("need at least 2 accounts and 1.." + REGIONS.length + " regions");
        }
        this.accounts = accounts;
        this.regions = regions;
        this.misconfigShare = misconfigShare;
        this.random = new SplittableRandom(seed);
        this.orgId = "o-" + hex(seed * 31 + 7, 10);
    }

    /** About how many accounts give {@code resources} resources (about 96 per account with 2 regions). */
    public static int accountsFor(int resources) {
        return Math.max(2, Math.round(resources / 96f));
    }

    /** Generates into a file (written whole, then renamed). */
    public static Stats write(Path file, int accounts, int regions, long seed, double misconfigShare) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Stats s;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                s = new OrgGenerator(accounts, regions, seed, misconfigShare).generate(out);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new Stats(s.accounts, s.regions, s.resources, s.errors, s.plantedAccounts, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the snapshot to {@code out} (not closed). */
    public Stats generate(OutputStream out) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            ids.add(String.format("%012d", 100_000_000_000L + (long) i * 7_919L));
        }
        boolean[] bad = new boolean[accounts];
        boolean[] ownTrail = new boolean[accounts];
        for (int i = 2; i < accounts; i++) {
            bad[i] = random.nextDouble() < misconfigShare;
            ownTrail[i] = bad[i] || random.nextDouble() < 0.2;
            if (bad[i]) {
                planted++;
            }
        }
        String mgmt = ids.get(0);
        String archive = ids.get(1);
        String home = REGIONS[0];
        String orgTrailArn = "arn:aws:cloudtrail:" + home + ":" + mgmt + ":trail/org-trail";
        String centralKeyId = uuid();
        String centralKeyArn = "arn:aws:kms:" + home + ":" + archive + ":key/" + centralKeyId;
        int errors = 0;

        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("snapshotVersion", 1);
            g.writeStringField("capturedAt", CAPTURED_AT);
            g.writeObjectFieldStart("source");
            g.writeStringField("kind", "synthetic");
            g.writeStringField("tool", "trailguard bench OrgGenerator");
            g.writeEndObject();
            g.writeObjectFieldStart("organization");
            g.writeStringField("id", orgId);
            g.writeStringField("managementAccountId", mgmt);
            g.writeEndObject();
            g.writeArrayFieldStart("accounts");
            for (int i = 0; i < accounts; i++) {
                g.writeStartObject();
                g.writeStringField("id", ids.get(i));
                g.writeStringField("name", i == 0 ? "management" : i == 1 ? "log-archive" : "workload-" + i);
                g.writeArrayFieldStart("regions");
                for (int r = 0; r < regions; r++) {
                    g.writeString(REGIONS[r]);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("resources");
            // the organisation trail and the central bucket and key
            trail(g, mgmt, home, "org-trail", true, centralKeyArn, true, true, false);
            centralBucket(g, archive, ids, bad, orgTrailArn);
            centralKey(g, archive, home, centralKeyId, ids, bad);
            for (int i = 0; i < accounts; i++) {
                String acct = ids.get(i);
                if (ownTrail[i]) {
                    boolean b = bad[i];
                    trail(g, acct, REGIONS[i % regions], "account-trail", false,
                            b && random.nextBoolean() ? null : centralKeyArn,
                            !(b && random.nextBoolean()), !(b && random.nextBoolean()), b && random.nextBoolean());
                }
                accountPab(g, acct);
                int buckets = 20 + random.nextInt(31);
                for (int j = 0; j < buckets; j++) {
                    bucket(g, acct, REGIONS[random.nextInt(regions)], j, bad[i] && j == 0);
                }
                int keys = 5 + random.nextInt(16);
                for (int j = 0; j < keys; j++) {
                    key(g, acct, REGIONS[random.nextInt(regions)], j);
                }
                for (int r = 0; r < regions; r++) {
                    region(g, acct, REGIONS[r], bad[i] && r == regions - 1);
                }
                int zones = random.nextInt(3);
                for (int j = 0; j < zones; j++) {
                    hostedZone(g, acct, j);
                }
            }
            g.writeEndArray();

            g.writeArrayFieldStart("errors");
            for (int i = 2; i < accounts; i++) {
                if (bad[i] && i % 3 == 0) {
                    errors++;
                    g.writeStartObject();
                    g.writeStringField("accountId", ids.get(i));
                    g.writeStringField("region", REGIONS[regions - 1]);
                    g.writeStringField("service", "ec2");
                    g.writeStringField("operation", "DescribeFlowLogs");
                    g.writeStringField("code", "UnauthorizedOperation");
                    g.writeStringField("message", "You are not authorized to perform this operation.");
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return new Stats(accounts, regions, resources, errors, planted, -1);
    }

    private void begin(JsonGenerator g, String type, String id, String acct, String region) throws IOException {
        resources++;
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeStringField("id", id);
        g.writeStringField("accountId", acct);
        g.writeStringField("region", region);
        g.writeObjectFieldStart("configuration");
    }

    private static void end(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeEndObject();
    }

    private void trail(JsonGenerator g, String acct, String region, String name, boolean org, String keyArn,
                       boolean validation, boolean cwl, boolean cwlError) throws IOException {
        String arn = "arn:aws:cloudtrail:" + region + ":" + acct + ":trail/" + name;
        begin(g, "AWS::CloudTrail::Trail", arn, acct, region);
        g.writeStringField("Name", name);
        g.writeStringField("S3BucketName", CENTRAL_BUCKET);
        g.writeBooleanField("IncludeGlobalServiceEvents", true);
        g.writeBooleanField("IsMultiRegionTrail", true);
        g.writeStringField("HomeRegion", region);
        g.writeStringField("TrailARN", arn);
        g.writeBooleanField("LogFileValidationEnabled", validation);
        g.writeBooleanField("HasCustomEventSelectors", true);
        g.writeBooleanField("HasInsightSelectors", false);
        g.writeBooleanField("IsOrganizationTrail", org);
        if (keyArn != null) {
            g.writeStringField("KmsKeyId", keyArn);
        }
        String group = "aws-cloudtrail-logs-" + name;
        if (cwl) {
            g.writeStringField("CloudWatchLogsLogGroupArn", "arn:aws:logs:" + region + ":" + acct + ":log-group:" + group + ":*");
            g.writeStringField("CloudWatchLogsRoleArn", "arn:aws:iam::" + acct + ":role/CloudTrailRoleForCloudWatchLogs");
        }
        g.writeObjectFieldStart("Status");
        g.writeBooleanField("IsLogging", true);
        g.writeStringField("LatestDeliveryTime", "2026-11-20T08:52:11Z");
        g.writeStringField("StartLoggingTime", "2025-03-02T10:15:00Z");
        g.writeStringField("LatestDigestDeliveryTime", "2026-11-20T08:40:02Z");
        if (cwl) {
            g.writeStringField("LatestCloudWatchLogsDeliveryTime", cwlError ? "2026-11-18T08:56:40Z" : "2026-11-20T08:56:40Z");
            if (cwlError) {
                g.writeStringField("LatestCloudWatchLogsDeliveryError", "AccessDenied");
            }
        }
        g.writeEndObject();
        g.writeArrayFieldStart("AdvancedEventSelectors");
        g.writeStartObject();
        g.writeStringField("Name", "Management events");
        g.writeArrayFieldStart("FieldSelectors");
        fieldSelector(g, "eventCategory", "Management");
        g.writeEndArray();
        g.writeEndObject();
        if (org) {
            g.writeStartObject();
            g.writeStringField("Name", "S3 data events");
            g.writeArrayFieldStart("FieldSelectors");
            fieldSelector(g, "eventCategory", "Data");
            fieldSelector(g, "resources.type", "AWS::S3::Object");
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        end(g);
    }

    private static void fieldSelector(JsonGenerator g, String field, String equals) throws IOException {
        g.writeStartObject();
        g.writeStringField("Field", field);
        g.writeArrayFieldStart("Equals");
        g.writeString(equals);
        g.writeEndArray();
        g.writeEndObject();
    }

    private void centralBucket(JsonGenerator g, String acct, List<String> ids, boolean[] bad, String orgTrailArn)
            throws IOException {
        String b = "arn:aws:s3:::" + CENTRAL_BUCKET;
        begin(g, "AWS::S3::Bucket", b, acct, REGIONS[0]);
        g.writeStringField("Name", CENTRAL_BUCKET);
        g.writeStringField("Region", REGIONS[0]);
        g.writeStringField("CreationDate", "2024-05-14T08:30:00Z");
        g.writeObjectFieldStart("Policy");
        g.writeStringField("Version", "2012-10-17");
        g.writeArrayFieldStart("Statement");
        statementStart(g, "AWSCloudTrailAclCheck", "Allow", "cloudtrail.amazonaws.com", "s3:GetBucketAcl");
        g.writeStringField("Resource", b);
        g.writeEndObject();
        statementStart(g, "AWSCloudTrailWriteOrganization", "Allow", "cloudtrail.amazonaws.com", "s3:PutObject");
        g.writeArrayFieldStart("Resource");
        g.writeString(b + "/AWSLogs/" + orgId + "/*");
        for (int i = 0; i < ids.size(); i++) {
            if (!bad[i] || random.nextInt(3) != 0) {
                g.writeString(b + "/AWSLogs/" + ids.get(i) + "/*");
            }
        }
        g.writeEndArray();
        g.writeObjectFieldStart("Condition");
        g.writeObjectFieldStart("StringEquals");
        g.writeStringField("s3:x-amz-acl", "bucket-owner-full-control");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        denyInsecure(g, b);
        g.writeEndArray();
        g.writeEndObject();
        bucketSettings(g, true);
        end(g);
    }

    private void centralKey(JsonGenerator g, String acct, String region, String keyId, List<String> ids,
                            boolean[] bad) throws IOException {
        String arn = "arn:aws:kms:" + region + ":" + acct + ":key/" + keyId;
        begin(g, "AWS::KMS::Key", arn, acct, region);
        keyMetadata(g, acct, keyId, arn, "CloudTrail log encryption (organisation)");
        g.writeObjectFieldStart("Policy");
        g.writeStringField("Version", "2012-10-17");
        g.writeArrayFieldStart("Statement");
        rootStatement(g, acct);
        statementStart(g, "Allow CloudTrail to encrypt logs", "Allow", "cloudtrail.amazonaws.com", "kms:GenerateDataKey*");
        g.writeStringField("Resource", "*");
        g.writeObjectFieldStart("Condition");
        g.writeObjectFieldStart("StringLike");
        g.writeArrayFieldStart("kms:EncryptionContext:aws:cloudtrail:arn");
        for (int i = 0; i < ids.size(); i++) {
            if (!bad[i] || random.nextInt(3) != 0) {
                g.writeString("arn:aws:cloudtrail:*:" + ids.get(i) + ":trail/*");
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        statementStart(g, "Allow CloudTrail to describe key", "Allow", "cloudtrail.amazonaws.com", "kms:DescribeKey");
        g.writeStringField("Resource", "*");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeBooleanField("KeyRotationEnabled", true);
        aliases(g, acct, region, keyId, "alias/org-cloudtrail");
        end(g);
    }

    private static void statementStart(JsonGenerator g, String sid, String effect, String service, String action)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("Sid", sid);
        g.writeStringField("Effect", effect);
        g.writeObjectFieldStart("Principal");
        g.writeStringField("Service", service);
        g.writeEndObject();
        g.writeStringField("Action", action);
    }

    private static void rootStatement(JsonGenerator g, String acct) throws IOException {
        g.writeStartObject();
        g.writeStringField("Sid", "Enable IAM User Permissions");
        g.writeStringField("Effect", "Allow");
        g.writeObjectFieldStart("Principal");
        g.writeStringField("AWS", "arn:aws:iam::" + acct + ":root");
        g.writeEndObject();
        g.writeStringField("Action", "kms:*");
        g.writeStringField("Resource", "*");
        g.writeEndObject();
    }

    private static void denyInsecure(JsonGenerator g, String bucketArn) throws IOException {
        g.writeStartObject();
        g.writeStringField("Sid", "DenyInsecureTransport");
        g.writeStringField("Effect", "Deny");
        g.writeStringField("Principal", "*");
        g.writeStringField("Action", "s3:*");
        g.writeArrayFieldStart("Resource");
        g.writeString(bucketArn);
        g.writeString(bucketArn + "/*");
        g.writeEndArray();
        g.writeObjectFieldStart("Condition");
        g.writeObjectFieldStart("Bool");
        g.writeStringField("aws:SecureTransport", "false");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private void accountPab(JsonGenerator g, String acct) throws IOException {
        begin(g, "AWS::S3::AccountPublicAccessBlock", acct, acct, "global");
        boolean on = random.nextInt(10) != 0;
        g.writeBooleanField("BlockPublicAcls", on);
        g.writeBooleanField("IgnorePublicAcls", on);
        g.writeBooleanField("BlockPublicPolicy", on);
        g.writeBooleanField("RestrictPublicBuckets", on);
        end(g);
    }

    private void bucket(JsonGenerator g, String acct, String region, int j, boolean publicRead) throws IOException {
        String name = WORDS[random.nextInt(WORDS.length)] + "-" + acct + "-" + j;
        String arn = "arn:aws:s3:::" + name;
        begin(g, "AWS::S3::Bucket", arn, acct, region);
        g.writeStringField("Name", name);
        g.writeStringField("Region", region);
        g.writeStringField("CreationDate", "2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T08:30:00Z");
        g.writeObjectFieldStart("Policy");
        g.writeStringField("Version", "2012-10-17");
        g.writeArrayFieldStart("Statement");
        denyInsecure(g, arn);
        g.writeStartObject();
        g.writeStringField("Sid", publicRead ? "PublicRead" : "AllowAppRole");
        g.writeStringField("Effect", "Allow");
        if (publicRead) {
            g.writeStringField("Principal", "*");
        } else {
            g.writeObjectFieldStart("Principal");
            g.writeStringField("AWS", "arn:aws:iam::" + acct + ":role/app-" + random.nextInt(20));
            g.writeEndObject();
        }
        g.writeArrayFieldStart("Action");
        g.writeString("s3:GetObject");
        if (!publicRead) {
            g.writeString("s3:PutObject");
        }
        g.writeEndArray();
        g.writeStringField("Resource", arn + "/*");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("PolicyStatus");
        g.writeBooleanField("IsPublic", publicRead);
        g.writeEndObject();
        bucketSettings(g, random.nextInt(4) != 0);
        end(g);
    }

    private void bucketSettings(JsonGenerator g, boolean versioned) throws IOException {
        g.writeObjectFieldStart("Encryption");
        g.writeArrayFieldStart("Rules");
        g.writeStartObject();
        g.writeObjectFieldStart("ApplyServerSideEncryptionByDefault");
        g.writeStringField("SSEAlgorithm", random.nextBoolean() ? "aws:kms" : "AES256");
        g.writeEndObject();
        g.writeBooleanField("BucketKeyEnabled", true);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("Versioning");
        if (versioned) {
            g.writeStringField("Status", "Enabled");
        }
        g.writeEndObject();
        g.writeObjectFieldStart("PublicAccessBlock");
        g.writeBooleanField("BlockPublicAcls", true);
        g.writeBooleanField("IgnorePublicAcls", true);
        g.writeBooleanField("BlockPublicPolicy", true);
        g.writeBooleanField("RestrictPublicBuckets", true);
        g.writeEndObject();
        g.writeObjectFieldStart("Logging");
        g.writeEndObject();
        g.writeObjectFieldStart("OwnershipControls");
        g.writeArrayFieldStart("Rules");
        g.writeStartObject();
        g.writeStringField("ObjectOwnership", "BucketOwnerEnforced");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void key(JsonGenerator g, String acct, String region, int j) throws IOException {
        String keyId = uuid();
        String arn = "arn:aws:kms:" + region + ":" + acct + ":key/" + keyId;
        begin(g, "AWS::KMS::Key", arn, acct, region);
        keyMetadata(g, acct, keyId, arn, "application key " + j);
        g.writeObjectFieldStart("Policy");
        g.writeStringField("Version", "2012-10-17");
        g.writeArrayFieldStart("Statement");
        rootStatement(g, acct);
        g.writeStartObject();
        g.writeStringField("Sid", "Allow use of the key");
        g.writeStringField("Effect", "Allow");
        g.writeObjectFieldStart("Principal");
        g.writeStringField("AWS", "arn:aws:iam::" + acct + ":role/app-" + random.nextInt(20));
        g.writeEndObject();
        g.writeArrayFieldStart("Action");
        for (String a : new String[] {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeStringField("Resource", "*");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeBooleanField("KeyRotationEnabled", random.nextInt(5) != 0);
        aliases(g, acct, region, keyId, "alias/app-" + j);
        end(g);
    }

    private static void keyMetadata(JsonGenerator g, String acct, String keyId, String arn, String description)
            throws IOException {
        g.writeStringField("AWSAccountId", acct);
        g.writeStringField("KeyId", keyId);
        g.writeStringField("Arn", arn);
        g.writeStringField("CreationDate", "2024-05-14T08:20:00Z");
        g.writeBooleanField("Enabled", true);
        g.writeStringField("Description", description);
        g.writeStringField("KeyUsage", "ENCRYPT_DECRYPT");
        g.writeStringField("KeyState", "Enabled");
        g.writeStringField("Origin", "AWS_KMS");
        g.writeStringField("KeyManager", "CUSTOMER");
        g.writeStringField("KeySpec", "SYMMETRIC_DEFAULT");
        g.writeBooleanField("MultiRegion", false);
    }

    private static void aliases(JsonGenerator g, String acct, String region, String keyId, String alias)
            throws IOException {
        g.writeArrayFieldStart("Aliases");
        g.writeStartObject();
        g.writeStringField("AliasName", alias);
        g.writeStringField("AliasArn", "arn:aws:kms:" + region + ":" + acct + ":" + alias);
        g.writeStringField("TargetKeyId", keyId);
        g.writeEndObject();
        g.writeEndArray();
    }

    private void region(JsonGenerator g, String acct, String region, boolean bad) throws IOException {
        int vpcs = 1 + random.nextInt(2);
        for (int v = 0; v < vpcs; v++) {
            String vpc = "vpc-" + hex(++counter, 17);
            begin(g, "AWS::EC2::VPC", vpc, acct, region);
            g.writeStringField("VpcId", vpc);
            g.writeStringField("CidrBlock", "10." + v + ".0.0/16");
            g.writeStringField("State", "available");
            g.writeBooleanField("IsDefault", false);
            g.writeStringField("OwnerId", acct);
            end(g);
            // flow logs at mixed levels: VPC (50%), some subnets (20%), interfaces only (15%), none (15%)
            int level = bad ? 3 : random.nextInt(100) < 50 ? 0 : random.nextInt(100) < 57 ? 1 : random.nextInt(2) + 2;
            if (level == 0) {
                flowLog(g, acct, region, vpc);
            }
            int subnets = 2 + random.nextInt(3);
            for (int s = 0; s < subnets; s++) {
                String subnet = "subnet-" + hex(++counter, 17);
                begin(g, "AWS::EC2::Subnet", subnet, acct, region);
                g.writeStringField("SubnetId", subnet);
                g.writeStringField("VpcId", vpc);
                g.writeStringField("AvailabilityZone", region + (char) ('a' + s % 3));
                g.writeStringField("CidrBlock", "10." + v + "." + s + ".0/24");
                g.writeStringField("State", "available");
                g.writeStringField("OwnerId", acct);
                end(g);
                if (level == 1 && s % 2 == 0) {
                    flowLog(g, acct, region, subnet);
                }
                int enis = random.nextInt(4);
                for (int e = 0; e < enis; e++) {
                    String eni = "eni-" + hex(++counter, 17);
                    begin(g, "AWS::EC2::NetworkInterface", eni, acct, region);
                    g.writeStringField("NetworkInterfaceId", eni);
                    g.writeStringField("SubnetId", subnet);
                    g.writeStringField("VpcId", vpc);
                    g.writeStringField("InterfaceType", "interface");
                    g.writeStringField("Description", "instance " + e);
                    g.writeStringField("Status", "in-use");
                    g.writeStringField("PrivateIpAddress", "10." + v + "." + s + "." + (10 + e));
                    g.writeStringField("OwnerId", acct);
                    end(g);
                    if (level == 2 && e == 0) {
                        flowLog(g, acct, region, eni);
                    }
                }
            }
        }
        int groups = 3 + random.nextInt(6);
        for (int l = 0; l < groups; l++) {
            String name = l == 0 ? "aws-cloudtrail-logs-account-trail" : "/app/service-" + l;
            String arn = "arn:aws:logs:" + region + ":" + acct + ":log-group:" + name;
            begin(g, "AWS::Logs::LogGroup", arn, acct, region);
            g.writeStringField("logGroupName", name);
            g.writeStringField("arn", arn + ":*");
            g.writeNumberField("creationTime", 1_710_000_000_000L + random.nextInt(1_000_000));
            g.writeNumberField("retentionInDays", random.nextInt(4) == 0 ? 30 : 365);
            g.writeNumberField("storedBytes", random.nextInt(100_000_000));
            g.writeArrayFieldStart("MetricFilters");
            int filters = l == 0 ? 3 : random.nextInt(2);
            for (int f = 0; f < filters; f++) {
                g.writeStartObject();
                g.writeStringField("filterName", "filter-" + f);
                g.writeStringField("filterPattern", f == 0 ? "{ $.userIdentity.type = \"Root\" }"
                        : "{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) }");
                g.writeArrayFieldStart("metricTransformations");
                g.writeStartObject();
                g.writeStringField("metricName", "Metric" + f);
                g.writeStringField("metricNamespace", "CISBenchmark");
                g.writeStringField("metricValue", "1");
                g.writeEndObject();
                g.writeEndArray();
                g.writeStringField("logGroupName", name);
                g.writeEndObject();
            }
            g.writeEndArray();
            end(g);
        }
        int alarms = 1 + random.nextInt(3);
        for (int a = 0; a < alarms; a++) {
            String arn = "arn:aws:cloudwatch:" + region + ":" + acct + ":alarm:cis-alarm-" + a;
            begin(g, "AWS::CloudWatch::Alarm", arn, acct, region);
            g.writeStringField("AlarmName", "cis-alarm-" + a);
            g.writeStringField("AlarmArn", arn);
            g.writeBooleanField("ActionsEnabled", true);
            g.writeArrayFieldStart("AlarmActions");
            g.writeString("arn:aws:sns:" + region + ":" + acct + ":security-alerts");
            g.writeEndArray();
            g.writeStringField("MetricName", "Metric" + a);
            g.writeStringField("Namespace", "CISBenchmark");
            g.writeStringField("Statistic", "Sum");
            g.writeNumberField("Period", 300);
            g.writeNumberField("EvaluationPeriods", 1);
            g.writeNumberField("Threshold", 1.0);
            g.writeStringField("ComparisonOperator", "GreaterThanOrEqualToThreshold");
            g.writeStringField("StateValue", "OK");
            end(g);
        }
        String recorder = "arn:aws:config:" + region + ":" + acct + ":configuration-recorder/default";
        begin(g, "AWS::Config::ConfigurationRecorder", recorder, acct, region);
        g.writeStringField("name", "default");
        g.writeStringField("roleARN", "arn:aws:iam::" + acct + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig");
        g.writeObjectFieldStart("recordingGroup");
        g.writeBooleanField("allSupported", true);
        g.writeBooleanField("includeGlobalResourceTypes", region.equals(REGIONS[0]));
        g.writeEndObject();
        g.writeObjectFieldStart("Status");
        g.writeStringField("name", "default");
        g.writeBooleanField("recording", !bad);
        g.writeStringField("lastStatus", "SUCCESS");
        g.writeEndObject();
        g.writeArrayFieldStart("DeliveryChannels");
        g.writeStartObject();
        g.writeStringField("name", "default");
        g.writeStringField("s3BucketName", "bench-central-config");
        g.writeEndObject();
        g.writeEndArray();
        end(g);
    }

    private void flowLog(JsonGenerator g, String acct, String region, String target) throws IOException {
        String id = "fl-" + hex(++counter, 17);
        begin(g, "AWS::EC2::FlowLog", id, acct, region);
        g.writeStringField("FlowLogId", id);
        g.writeStringField("ResourceId", target);
        g.writeStringField("TrafficType", random.nextInt(5) == 0 ? "REJECT" : "ALL");
        g.writeStringField("FlowLogStatus", "ACTIVE");
        g.writeStringField("DeliverLogsStatus", "SUCCESS");
        g.writeStringField("LogDestinationType", "s3");
        g.writeStringField("LogDestination", "arn:aws:s3:::bench-central-flow-logs");
        g.writeNumberField("MaxAggregationInterval", 600);
        g.writeStringField("CreationTime", "2025-01-10T12:00:00Z");
        end(g);
    }

    private void hostedZone(JsonGenerator g, String acct, int j) throws IOException {
        String zone = "Z" + hex(++counter, 13).toUpperCase();
        begin(g, "AWS::Route53::HostedZone", "arn:aws:route53:::hostedzone/" + zone, acct, "global");
        g.writeStringField("Id", "/hostedzone/" + zone);
        g.writeStringField("Name", "svc" + j + ".a" + acct + ".example.com.");
        g.writeObjectFieldStart("Config");
        g.writeBooleanField("PrivateZone", false);
        g.writeEndObject();
        g.writeNumberField("ResourceRecordSetCount", 2 + random.nextInt(50));
        g.writeArrayFieldStart("QueryLoggingConfigs");
        if (random.nextBoolean()) {
            g.writeStartObject();
            g.writeStringField("Id", hex(++counter, 8));
            g.writeStringField("HostedZoneId", zone);
            g.writeStringField("CloudWatchLogsLogGroupArn", "arn:aws:logs:us-east-1:" + acct
                    + ":log-group:/aws/route53/svc" + j);
            g.writeEndObject();
        }
        g.writeEndArray();
        end(g);
    }

    private String uuid() {
        return hex(random.nextLong(), 8) + "-" + hex(random.nextLong(), 4) + "-4" + hex(random.nextLong(), 3) + "-a"
                + hex(random.nextLong(), 3) + "-" + hex(random.nextLong(), 12);
    }

    private static String hex(long v, int digits) {
        String h = Long.toHexString(v & 0x7fff_ffff_ffff_ffffL);
        StringBuilder sb = new StringBuilder(digits);
        for (int i = h.length(); i < digits; i++) {
            sb.append('0');
        }
        sb.append(h);
        return sb.substring(sb.length() - digits);
    }

    /** {@code OrgGenerator ACCOUNTS REGIONS SEED FILE [MISCONFIG_SHARE]}. */
    public static void main(String[] args) {
        Stats s = write(Path.of(args[3]), Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Long.parseLong(args[2]), args.length > 4 ? Double.parseDouble(args[4]) : 0.05);
        System.out.println(s);
    }
}
