package io.trailguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.MotoServer;
import io.trailguard.aws.logs.LogClients;
import io.trailguard.aws.logs.MotoLogBucket;
import io.trailguard.core.integrity.PlantedLayout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The triggered-validation function on moto_server (S3, SNS, Security Hub): the planted layout uploaded as CloudTrail
 * delivers it, S3 event notifications for new digests; a tampered hour is imported into Security Hub as ASFF and
 * alerted on the topic, an intact one is not.
 */
class DigestValidationFunctionMotoTest {
    static final String ACCOUNT = "123456789012";
    static MotoServer moto;
    static CollectOptions options;
    static String topic;

    @BeforeAll
    static void start() throws Exception {
        PlantedLayout.generate();
        moto = MotoServer.start();
        options = CollectOptions.defaults().withEndpointOverride(moto.endpoint()).withRetries(2, Duration.ofMillis(10))
                .withCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
        try (LogClients c = new LogClients(options); var s3 = c.s3("us-east-1"); var sns = c.sns("us-east-1")) {
            MotoLogBucket.upload(s3, PlantedLayout.BUCKET, PlantedLayout.dir.resolve("bucket"));
            topic = sns.createTopic(b -> b.name("log-integrity-alerts")).topicArn();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    static Map<String, Object> s3Event(String key) throws Exception {
        String json = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + PlantedLayout.BUCKET
                + "\"},\"object\":{\"key\":\"" + key + "\"}}}]}";
        return new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    static Map<String, Object> invoke(Map<String, Object> event) throws Exception {
        return new DigestValidationFunction(options, "us-east-1", topic, PlantedLayout.keys()).handleRequest(event, context());
    }

    @Test
    void aTamperedHourIsImportedIntoSecurityHubAndAlertedOnTheTopic() throws Exception {
        Map<String, Object> out = invoke(s3Event(PlantedLayout.h3.digest()));
        assertThat(out.get("errors")).as(out.toString()).isEqualTo(List.of());
        assertThat(out.get("digests")).isEqualTo(1);
        assertThat(out.get("findings")).isEqualTo(1);
        assertThat(out.get("imported")).isEqualTo(1);
        assertThat(out.get("messageId")).isNotNull();
        try (LogClients c = new LogClients(options); var hub = c.securityHub("us-east-1")) {
            var found = hub.getFindings(b -> b.maxResults(100)).findings();
            assertThat(found).anySatisfy(f -> {
                assertThat(f.generatorId()).isEqualTo("trailguard-logs-validate-MODIFIED");
                assertThat(f.resources().get(0).id()).isEqualTo("arn:aws:s3:::" + PlantedLayout.BUCKET + "/"
                        + PlantedLayout.h3.logFiles().get(1));
                assertThat(f.severity().label().toString()).isEqualTo("HIGH");
            });
        }
    }

    @Test
    void theDigestAfterADeletedOneReportsTheGap() throws Exception {
        Map<String, Object> out = invoke(s3Event(PlantedLayout.mainDigests.get(6)));
        assertThat(out.get("findings")).as(out.toString()).isEqualTo(1);
        assertThat(out.get("failing")).asList().hasSize(1);
    }

    @Test
    void anIntactDigestSendsNothingAndALogFileNotificationIsSkipped() throws Exception {
        Map<String, Object> out = invoke(s3Event(PlantedLayout.mainDigests.get(1)));
        assertThat(out.get("findings")).as(out.toString()).isEqualTo(0);
        assertThat(out.get("messageId")).isNull();
        String cloudTrailSns = "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":\"{\\\"s3Bucket\\\":\\\""
                + PlantedLayout.BUCKET + "\\\",\\\"s3ObjectKey\\\":[\\\"" + PlantedLayout.h3.logFiles().get(0) + "\\\"]}\"}}]}";
        Map<String, Object> skipped = invoke(new ObjectMapper().readValue(cloudTrailSns, new TypeReference<Map<String, Object>>() { }));
        assertThat(skipped.get("digests")).isEqualTo(0);
        assertThat(skipped.get("skipped")).asList().singleElement().asString().contains("not a digest file");
    }

    static Context context() {
        return new Context() {
            public String getAwsRequestId() { return "test"; }
            public String getLogGroupName() { return null; }
            public String getLogStreamName() { return null; }
            public String getFunctionName() { return "trailguard-log-validation"; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:trailguard-log-validation"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return 60_000; }
            public int getMemoryLimitInMB() { return 1024; }
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    public void log(String message) { }
                    public void log(byte[] message) { }
                };
            }
        };
    }
}
