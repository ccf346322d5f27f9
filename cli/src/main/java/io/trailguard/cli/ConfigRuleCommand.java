package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.CollectionException;
import io.trailguard.aws.config.ConfigRuleHandler;
import io.trailguard.aws.config.EvaluationPlan;
import io.trailguard.aws.config.EvaluationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@code trailguard config-rule}: the custom AWS Config rule, run locally. */
@Command(name = "config-rule", mixinStandardHelpOptions = true,
        description = "The custom AWS Config rule (see docs/config-rule.md).",
        subcommands = {ConfigRuleCommand.Invoke.class})
final class ConfigRuleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code trailguard config-rule invoke}: runs the Lambda handler on an event file and prints its evaluations. */
    @Command(name = "invoke", mixinStandardHelpOptions = true,
            description = {"Run the Config rule handler on a Config rule event file (as Config sends it to the Lambda "
                    + "function) and print the evaluations it would put, without sending them.",
                    "Exit 0 when the handler ran, whatever the compliance; 2 when the event is bad or AWS is needed "
                            + "(related resources, an oversized item) and cannot be reached."})
    static final class Invoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--event", required = true, paramLabel = "FILE", description = "The Config rule event (JSON).")
        Path event;

        @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call (collection, GetResourceConfigHistory) to this endpoint (moto, LocalStack, a stub).")
        URI endpoint;

        @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to use (default: the SDK's default credential chain).")
        String profile;

        @Option(names = "--format", defaultValue = "text", description = "text: one line per evaluation (resource type, resource id, compliance, annotation); json: the exact PutEvaluations request bodies, one JSON document per batch (default: ${DEFAULT-VALUE}).")
        Format format;

        @Mixin
        RuleOptions rules = new RuleOptions();

        enum Format { text, json }

        @Override
        public Integer call() {
            JsonNode e = read(event);
            CollectOptions o = CollectOptions.defaults();
            if (profile != null) {
                o = o.withProfile(profile);
            }
            if (endpoint != null) {
                o = o.withEndpointOverride(endpoint);
            }
            EvaluationPlan plan;
            try {
                plan = new ConfigRuleHandler(rules.load(), o).evaluate(e);
            } catch (IllegalArgumentException bad) {
                throw new Main.UserError("trailguard: " + event + ": " + bad.getMessage());
            } catch (CollectionException | SdkClientException aws) {
                String why = aws instanceof SdkClientException && String.valueOf(aws.getMessage()).contains("credentials")
                        ? "no AWS credentials were found (environment variables, --profile, or an instance, container or Lambda role)."
                        : aws.getMessage();
                throw new Main.UserError("trailguard: this event needs AWS (the resources related to the item, or "
                        + "the oversized item itself) and AWS cannot be reached: " + why
                        + (endpoint == null ? " Or give --endpoint-url to use an emulator." : ""));
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            plan.warnings().forEach(w -> err.println("trailguard: warning: " + w));
            switch (format) {
                case text -> {
                    for (EvaluationResult r : plan.evaluations()) {
                        out.println(r.resourceType() + "\t" + r.resourceId() + "\t" + r.compliance()
                                + "\t" + (r.annotation() == null ? "" : r.annotation()));
                    }
                    err.println(plan.evaluations().size() + " evaluation(s) for " + plan.messageType()
                            + (plan.testMode() ? " (TestMode)" : "") + "; nothing was sent to AWS Config.");
                }
                case json -> {
                    ObjectMapper m = new ObjectMapper();
                    for (ObjectNode req : plan.requests()) {
                        try {
                            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(req));
                        } catch (IOException x) {
                            throw new IllegalStateException(x);
                        }
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static JsonNode read(Path file) {
            String text = io.trailguard.core.diag.InputFiles.readUtf8(file, "the Config rule event");
            try (com.fasterxml.jackson.core.JsonParser p = new ObjectMapper().createParser(text)) {
                JsonNode n = p.readValueAsTree();
                if (n == null || !n.isObject()) {
                    throw new io.trailguard.core.InvalidInputException(new io.trailguard.core.Problem(file.toString(),
                            1, 1, "expected a Config rule event (a JSON object with invokingEvent), found "
                            + (n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)), null));
                }
                if (p.nextToken() != null) {
                    throw new io.trailguard.core.InvalidInputException(new io.trailguard.core.Problem(file.toString(),
                            p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr(),
                            "unexpected text after the event's JSON object", null));
                }
                return n;
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new io.trailguard.core.InvalidInputException(io.trailguard.core.diag.InputFiles.json(
                        file.toString(), "not valid JSON: ", x, null));
            } catch (IOException x) {
                throw new Main.UserError("trailguard: " + file + ": " + x.getMessage());
            }
        }
    }
}
