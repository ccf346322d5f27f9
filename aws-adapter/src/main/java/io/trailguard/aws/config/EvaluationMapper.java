package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings as Config evaluations: PASS → COMPLIANT, FAIL → NON_COMPLIANT, NOT_APPLICABLE → NOT_APPLICABLE, UNKNOWN →
 * the rule's {@code unknownAs} (NON_COMPLIANT, fail closed, by default) with an annotation starting {@code UNKNOWN:}.
 * Several rules on one resource give one evaluation: the worst. Stateless.
 */
final class EvaluationMapper {
    private EvaluationMapper() {
    }

    /** The one evaluation of a resource from the findings of the rules evaluated for it. */
    static EvaluationResult evaluation(String type, String id, List<Finding> fs, Compliance unknownAs, Instant when) {
        List<String> fails = new ArrayList<>();
        List<String> failIds = new ArrayList<>();
        List<String> unknownIds = new ArrayList<>();
        List<String> unknowns = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        for (Finding f : fs) {
            switch (f.status()) {
                case FAIL -> {
                    failIds.add(f.ruleId());
                    fails.add(f.ruleId() + ": " + f.message());
                }
                case UNKNOWN -> {
                    unknownIds.add(f.ruleId());
                    unknowns.add(f.ruleId() + ": " + f.unknown().detail());
                }
                case PASS -> passes.add(f.ruleId() + ": " + f.message());
                case NOT_APPLICABLE -> { }
            }
        }
        Compliance c;
        String text;
        if (!fails.isEmpty()) {
            c = Compliance.NON_COMPLIANT;
            List<String> parts = new ArrayList<>(fails);
            if (!unknowns.isEmpty()) {
                parts.add("UNKNOWN: " + String.join("; ", unknowns));
            }
            // With several outcomes the 256 characters go first to which rules failed or could not decide.
            text = failIds.size() + unknownIds.size() == 1 ? String.join("; ", parts)
                    : String.join(", ", failIds) + " fail" + (unknownIds.isEmpty() ? "" : "; UNKNOWN: "
                    + String.join(", ", unknownIds)) + ". " + String.join("; ", parts);
        } else if (!unknowns.isEmpty() && unknownAs == Compliance.NON_COMPLIANT) {
            c = Compliance.NON_COMPLIANT;
            text = "UNKNOWN: " + String.join("; ", unknowns);
        } else if (!passes.isEmpty()) {
            c = Compliance.COMPLIANT;
            text = String.join("; ", passes);
        } else if (!unknowns.isEmpty()) {
            c = Compliance.NOT_APPLICABLE;
            text = "UNKNOWN: " + String.join("; ", unknowns);
        } else {
            c = Compliance.NOT_APPLICABLE;
            text = fs.isEmpty() ? "No trailguard rule applies to this resource." : "No selected rule applies.";
        }
        return new EvaluationResult(type, id, c, Annotations.cut(text), when);
    }

    /** NOT_APPLICABLE with a reason (deleted, out of scope, no rule for the type). */
    static EvaluationResult notApplicable(String type, String id, String reason, Instant when) {
        return new EvaluationResult(type, id, Compliance.NOT_APPLICABLE, reason, when);
    }

    /** Whether a snapshot resource type is reported against Config's {@code AWS::::Account}. */
    static boolean isAccount(String type) {
        return type.equals(ResourceRef.ACCOUNT_TYPE) || type.equals(ResourceRef.REGION_TYPE);
    }

    /** Config's resource type and id for a snapshot resource whose configuration is {@code conf} (may be null). */
    static String[] configId(ResourceRef r, JsonNode conf) {
        if (isAccount(r.type())) {
            return new String[] {ResourceRef.ACCOUNT_TYPE, r.accountId()};
        }
        JsonNode c = conf == null ? ConfigJson.F.objectNode() : conf;
        String id = r.id();
        String cid = switch (r.type()) {
            case "AWS::S3::Bucket" -> id.substring(id.lastIndexOf(':') + 1);
            case "AWS::KMS::Key" -> id.substring(id.lastIndexOf('/') + 1);
            case "AWS::CloudTrail::Trail" -> id.substring(id.lastIndexOf('/') + 1); // Config's id is the name
            case "AWS::IAM::Role" -> c.path("RoleId").asText(id);
            case "AWS::Route53::HostedZone" -> id.substring(id.lastIndexOf('/') + 1);
            case "AWS::CloudWatch::Alarm" -> c.path("AlarmName").asText(id);
            case "AWS::Logs::LogGroup" -> c.path("logGroupName").asText(id);
            case "AWS::Config::ConfigurationRecorder" -> c.path("name").asText(id);
            default -> id;
        };
        return new String[] {r.type(), cid};
    }
}
