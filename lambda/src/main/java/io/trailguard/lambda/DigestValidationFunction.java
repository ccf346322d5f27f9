package io.trailguard.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.logs.DigestValidationHandler;
import io.trailguard.aws.logs.LogClients;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.PublicKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda entry point of triggered log validation ({@code io.trailguard.lambda.DigestValidationFunction::handleRequest}):
 * subscribed to S3 event notifications on the trail bucket's {@code CloudTrail-Digest/} prefix (directly or through
 * SNS), it validates each new digest, its link to the previous one and every log file it lists; on failure it imports
 * ASFF findings into Security Hub and publishes the report to {@code TRAILGUARD_ALERT_TOPIC_ARN}. Returns a summary
 * for the Lambda log.
 *
 * <p>Environment: {@code AWS_REGION} (set by Lambda), {@code TRAILGUARD_ALERT_TOPIC_ARN} (optional), and
 * {@code TRAILGUARD_ENDPOINT_URL} to send every AWS call to one endpoint (tests, emulators).
 *
 * @since 0.2.0
 */
public final class DigestValidationFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CollectOptions options;
    private final String region;
    private final String topicArn;
    private final PublicKeys keys;

    /** The function as Lambda builds it: configured from the environment. */
    public DigestValidationFunction() {
        this(ConfigRuleFunction.options(), env("AWS_REGION"), env("TRAILGUARD_ALERT_TOPIC_ARN"), PublicKeys.none());
    }

    /** The function with explicit settings (tests). */
    DigestValidationFunction(CollectOptions options, String region, String topicArn, PublicKeys keys) {
        this.options = options;
        this.region = region == null ? "us-east-1" : region;
        this.topicArn = topicArn;
        this.keys = keys;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String account = null;
        if (context != null && context.getInvokedFunctionArn() != null) {
            String[] arn = context.getInvokedFunctionArn().split(":");
            account = arn.length > 4 ? arn[4] : null;
        }
        if (account == null) {
            throw new IllegalStateException("the function's account is not known: no invoked function ARN in the context");
        }
        DigestValidationHandler.Outcome o;
        try (LogClients clients = new LogClients(options)) {
            o = new DigestValidationHandler(clients, region, account, topicArn, keys).handle(JSON.valueToTree(event), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digests", o.reports().size());
        out.put("failing", o.reports().stream().filter(IntegrityReport::failing).map(IntegrityReport::location).toList());
        out.put("findings", o.findingCount());
        out.put("imported", o.imported());
        out.put("messageId", o.messageId());
        out.put("skipped", o.skipped());
        out.put("errors", o.importFailures());
        out.put("warnings", o.warnings());
        if (context != null) {
            LambdaLogger log = context.getLogger();
            List.of(o.warnings(), o.importFailures()).forEach(l -> l.forEach(w -> log.log("trailguard: warning: " + w + "\n")));
            log.log("trailguard: " + out + "\n");
        }
        return out;
    }
}
