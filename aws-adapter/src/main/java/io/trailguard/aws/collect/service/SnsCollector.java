package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SNS: one named topic's attributes and its parsed policy. Topics are read because something collected names them: a
 * trail's {@code SnsTopicARN}, an alarm's {@code AlarmActions}, {@code OKActions} or {@code InsufficientDataActions}.
 */
public final class SnsCollector {
    public static final String TYPE = "AWS::SNS::Topic";

    private SnsCollector() {
    }

    /** Whether an ARN names an SNS topic (alarm actions also name Auto Scaling policies and EC2 actions). */
    public static boolean isTopicArn(String arn) {
        return arn != null && "sns".equals(Arns.service(arn)) && Arns.region(arn) != null
                && !Arns.region(arn).isEmpty();
    }

    /**
     * Reads a topic with account {@code a}'s credentials: its own topic, or another account's where that topic's
     * policy lets {@code a} read it. The resource is recorded under the topic's owner account.
     */
    public static void topic(Account a, String topicArn) {
        String region = Arns.region(topicArn);
        if (region == null || region.isEmpty()) {
            return;
        }
        // NotFound: the topic a trail names does not exist, which is a fact, not a failure
        Result<Map<String, String>> r = a.call(region, "sns", "GetTopicAttributes",
                Target.of(TYPE, topicArn), Set.of("NotFound", "NotFoundException"),
                () -> a.sns(region).getTopicAttributes(b -> b.topicArn(topicArn)).attributes());
        if (r.failed()) {
            // the topic exists (a trail or alarm names it) but could not be read: keep it, with every field unknown
            // (the error names it and no fields), so that rules about it say UNKNOWN instead of "no such topic"
            ObjectNode stub = SdkJson.F.objectNode();
            stub.put("TopicArn", topicArn);
            a.run.resource(TYPE, topicArn, a.id, region, stub);
            return;
        }
        if (!r.ok()) {
            return;
        }
        ObjectNode cfg = SdkJson.F.objectNode();
        cfg.put("TopicArn", topicArn);
        cfg.set("Attributes", SdkJson.value(r.value()));
        String policy = r.value().get("Policy");
        if (policy != null) {
            try {
                cfg.set("Policy", SdkJson.parsePolicy(policy));
            } catch (RuntimeException e) {
                a.run.errorNode(a.id, region, "sns", "GetTopicAttributes", Failure.of(e), TYPE, topicArn,
                        List.of("Policy"));
            }
        }
        String owner = Arns.account(topicArn);
        a.run.resource(TYPE, topicArn, owner == null || owner.isEmpty() ? a.id : owner, region, cfg);
    }
}
