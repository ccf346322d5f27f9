package io.trailguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.config.ConfigRuleHandler;
import io.trailguard.lambda.ConfigRuleFunction;
import java.util.Locale;

/**
 * The AWS Config rule handler in a fresh JVM, run by {@link BenchMain} against an emulator
 * ({@code TRAILGUARD_ENDPOINT_URL}): its cold initialisation (class loading, the built-in pack, the handler: what a
 * Lambda init phase does), its first evaluation of a scheduled event (collection of the account in one region plus
 * the scan; the evaluations are returned, not sent: the emulator has no PutEvaluations), then warm evaluations.
 * Prints one line {@code init=... first=... warm=...} of milliseconds.
 */
public final class ConfigRuleTask {
    private ConfigRuleTask() {
    }

    public static void main(String[] args) throws Exception {
        int warmRounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long t0 = System.nanoTime();
        ConfigRuleHandler handler = ConfigRuleFunction.handler();
        long t1 = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        ObjectNode invoking = json.createObjectNode();
        invoking.put("awsAccountId", "123456789012");
        invoking.put("notificationCreationTime", "2026-11-20T09:00:00.000Z");
        invoking.put("messageType", "ScheduledNotification");
        ObjectNode event = json.createObjectNode();
        event.put("invokingEvent", invoking.toString());
        event.put("resultToken", ConfigRuleHandler.TEST_MODE_TOKEN);
        event.put("configRuleArn", "arn:aws:config:" + System.getenv().getOrDefault("AWS_REGION", "us-east-1")
                + ":123456789012:config-rule/config-rule-bench");
        int evaluations = handler.evaluate(event).evaluations().size();
        long t2 = System.nanoTime();
        double[] warm = new double[warmRounds];
        for (int i = 0; i < warmRounds; i++) {
            long s = System.nanoTime();
            handler.evaluate(event);
            warm[i] = (System.nanoTime() - s) / 1e6;
        }
        java.util.Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "init=%.1f first=%.1f warm=%.1f evaluations=%d%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, warm[warmRounds / 2], evaluations);
    }
}
