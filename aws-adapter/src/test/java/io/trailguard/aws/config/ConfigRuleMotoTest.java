package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.MotoServer;
import io.trailguard.rules.BuiltinRules;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Integration tier: the handler's evaluations (without PutEvaluations, which moto does not implement) against
 * moto_server holding a trail that writes to a bucket without a policy. Skipped, with a message, without moto_server.
 */
class ConfigRuleMotoTest {
    static final String ACCOUNT = "123456789012"; // moto's default account
    static MotoServer moto;
    static URI endpoint;
    static final StaticCredentialsProvider CREDS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("testing", "testing"));

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        endpoint = moto.endpoint();
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .forcePathStyle(true).credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build();
             CloudTrailClient ct = CloudTrailClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                     .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(b -> b.bucket("trail-logs"));
            ct.createTrail(b -> b.name("main").s3BucketName("trail-logs").isMultiRegionTrail(true));
            ct.startLogging(b -> b.name("main"));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (moto != null) {
            moto.close();
        }
    }

    static ConfigRuleHandler handler() {
        return new ConfigRuleHandler(BuiltinRules.pack(), CollectOptions.defaults().withEndpointOverride(endpoint)
                .withCredentialsProvider(CREDS).withRetries(2, Duration.ofMillis(5)));
    }

    static ObjectNode event(ObjectNode invoking) {
        ObjectNode e = JSON.createObjectNode();
        e.put("invokingEvent", invoking.toString());
        e.put("resultToken", "token");
        e.put("configRuleArn", "arn:aws:config:us-east-1:" + ACCOUNT + ":config-rule/config-rule-moto");
        e.put("accountId", ACCOUNT);
        return e;
    }

    static EvaluationResult find(EvaluationPlan plan, String type, String id) {
        return plan.evaluations().stream().filter(e -> e.resourceType().equals(type) && e.resourceId().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no evaluation of " + type + " " + id + " in "
                        + plan.evaluations()));
    }

    @Test
    void scheduledEvaluatesTrailBucketAndAccount() {
        ObjectNode invoking = JSON.createObjectNode();
        invoking.put("awsAccountId", ACCOUNT);
        invoking.put("notificationCreationTime", "2026-11-20T09:00:00.000Z");
        invoking.put("messageType", "ScheduledNotification");
        EvaluationPlan plan = handler().evaluate(event(invoking));
        EvaluationResult trail = find(plan, "AWS::CloudTrail::Trail", "main");
        assertThat(trail.compliance()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(trail.annotation()).contains("CT-03");
        EvaluationResult bucket = find(plan, "AWS::S3::Bucket", "trail-logs");
        assertThat(bucket.compliance()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(bucket.annotation()).startsWith("S3-01, ").contains(" fail. S3-01: The policy of log bucket trail-logs");
        assertThat(find(plan, "AWS::::Account", ACCOUNT).annotation()).isNotBlank();
    }

    @Test
    void changedTrailItemIsCompletedByTheLiveCollection() {
        String arn = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/main";
        ObjectNode item = JSON.createObjectNode();
        item.put("version", "1.3");
        item.put("accountId", ACCOUNT);
        item.put("configurationItemCaptureTime", "2026-11-20T08:59:00.000Z");
        item.put("configurationItemStatus", "OK");
        item.put("arn", arn);
        item.put("resourceType", "AWS::CloudTrail::Trail");
        item.put("resourceId", "main");
        item.put("awsRegion", "us-east-1");
        ObjectNode c = item.putObject("configuration");
        c.put("name", "main");
        c.put("s3BucketName", "trail-logs");
        c.put("isMultiRegionTrail", true);
        c.put("homeRegion", "us-east-1");
        c.put("trailARN", arn);
        c.put("logFileValidationEnabled", true); // the change: validation switched on
        item.putObject("supplementaryConfiguration");
        ObjectNode invoking = JSON.createObjectNode();
        invoking.set("configurationItem", item);
        invoking.put("messageType", "ConfigurationItemChangeNotification");
        ObjectNode e = event(invoking);
        e.put("ruleParameters", "{\"rules\":\"CT-03,CT-05\"}");
        EvaluationPlan plan = handler().evaluate(e);
        EvaluationResult trail = find(plan, "AWS::CloudTrail::Trail", "main");
        // CT-03 passes from the item; CT-05 is decided from GetTrailStatus, not UNKNOWN
        assertThat(trail.annotation()).doesNotContain("UNKNOWN").doesNotContain("CT-03: Trail main (account "
                + ACCOUNT + ", home region us-east-1) does not validate");
    }
}
