package io.trailguard.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.config.ConfigRuleHandler;
import java.lang.management.ManagementFactory;

/**
 * Measures, in a fresh JVM, the Lambda handler's class initialisation (rule pack load, handler construction) and its
 * first evaluation of a scheduled event (collection of the account in one region plus the scan; no PutEvaluations).
 * Not a test: run it by hand against a local emulator, see docs/config-rule.md.
 *
 * <pre>
 * java -cp lambda/target/trailguard-config-rule.jar:lambda/target/test-classes io.trailguard.lambda.ColdStartHarness
 * </pre>
 * with {@code TRAILGUARD_ENDPOINT_URL}, {@code AWS_REGION} and fake credentials in the environment.
 */
public final class ColdStartHarness {
    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Class.forName("io.trailguard.lambda.ConfigRuleFunction");
        ConfigRuleHandler h = ConfigRuleFunction.handler();
        long t1 = System.nanoTime();
        ObjectNode invoking = new ObjectMapper().createObjectNode();
        invoking.put("awsAccountId", "123456789012");
        invoking.put("notificationCreationTime", "2026-11-20T09:00:00.000Z");
        invoking.put("messageType", "ScheduledNotification");
        ObjectNode event = new ObjectMapper().createObjectNode();
        event.put("invokingEvent", invoking.toString());
        event.put("resultToken", ConfigRuleHandler.TEST_MODE_TOKEN);
        event.put("configRuleArn", "arn:aws:config:" + System.getenv().getOrDefault("AWS_REGION", "us-east-1")
                + ":123456789012:config-rule/config-rule-cold");
        ConfigRuleHandler.Plan first = h.evaluate(event);
        long t2 = System.nanoTime();
        ConfigRuleHandler.Plan second = h.evaluate(event);
        long t3 = System.nanoTime();
        System.out.printf("JVM start to main: %d ms%n", mainAt - jvmStart);
        System.out.printf("class init (rule pack + handler): %d ms%n", (t1 - t0) / 1_000_000);
        System.out.printf("first evaluation (collect + scan): %d ms, %d evaluations%n", (t2 - t1) / 1_000_000,
                first.evaluations().size());
        System.out.printf("second evaluation (warm): %d ms, %d evaluations%n", (t3 - t2) / 1_000_000,
                second.evaluations().size());
    }
}
