package io.trailguard.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.config.ConfigRuleHandler;
import io.trailguard.aws.config.EvaluationPlan;
import io.trailguard.rules.BuiltinRules;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lambda entry point of the custom Config rule ({@code io.trailguard.lambda.ConfigRuleFunction::handleRequest},
 * Java 17 or 21 managed runtime): evaluates the Config rule event with the built-in rule pack and reports the
 * evaluations to Config. Returns a summary (counts by compliance and the warnings) for the Lambda log.
 *
 * <p>Environment: {@code TRAILGUARD_MEMBER_ROLE_NAME} (organisation rule) names the role assumed in the event's
 * account when it is not the function's own; {@code TRAILGUARD_ENDPOINT_URL} sends every AWS call to one endpoint
 * (tests, emulators). The rule pack and the handler are built once per execution environment (static
 * initialisation).
 *
 * @since 0.1.0
 */
public final class ConfigRuleFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConfigRuleHandler HANDLER = new ConfigRuleHandler(BuiltinRules.pack(), options(),
            System.getenv("TRAILGUARD_MEMBER_ROLE_NAME"));

    static CollectOptions options() {
        CollectOptions o = CollectOptions.defaults();
        String endpoint = System.getenv("TRAILGUARD_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            o = o.withEndpointOverride(URI.create(endpoint));
        }
        return o;
    }

    /** The handler built at initialisation: the benchmarks time its initialisation and evaluations directly. */
    public static ConfigRuleHandler handler() {
        return HANDLER;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        JsonNode e = JSON.valueToTree(event);
        String home = null;
        if (context != null && context.getInvokedFunctionArn() != null) {
            String[] arn = context.getInvokedFunctionArn().split(":");
            home = arn.length > 4 ? arn[4] : null;
        }
        EvaluationPlan plan = HANDLER.handle(e, home);
        Map<String, Integer> counts = new TreeMap<>();
        plan.evaluations().forEach(x -> counts.merge(x.compliance().name(), 1, Integer::sum));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageType", plan.messageType());
        out.put("evaluations", plan.evaluations().size());
        out.put("compliance", counts);
        out.put("testMode", plan.testMode());
        out.put("warnings", plan.warnings());
        if (context != null) {
            LambdaLogger log = context.getLogger();
            plan.warnings().forEach(w -> log.log("trailguard: warning: " + w + "\n"));
            log.log("trailguard: " + out + "\n");
        }
        return out;
    }
}
