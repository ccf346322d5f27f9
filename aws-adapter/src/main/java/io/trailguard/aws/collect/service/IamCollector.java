package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

/** IAM: one named role with its trust policy, inline policies and attached managed policies (default version). */
public final class IamCollector {
    public static final String TYPE = "AWS::IAM::Role";
    private static final String SVC = "iam";
    private static final String G = Account.GLOBAL;

    private IamCollector() {
    }

    public static void role(Account a, String roleArn) {
        String name = Arns.lastName(roleArn);
        if (name == null || name.isEmpty()) {
            return;
        }
        var iam = a.iam();
        // NoSuchEntity: the role named by a trail, flow log or replication rule does not exist, which is a fact
        Result<Role> role = a.call(G, SVC, "GetRole", Target.of(TYPE, roleArn),
                Set.of("NoSuchEntity", "NoSuchEntityException"), () -> iam.getRole(b -> b.roleName(name)).role());
        if (role.failed()) {
            // named by a trail, flow log or replication rule but unreadable: kept with every field unknown
            ObjectNode stub = SdkJson.F.objectNode();
            stub.put("Arn", roleArn);
            stub.put("RoleName", name);
            a.run.resource(TYPE, roleArn, a.id, G, stub);
            return;
        }
        if (!role.ok()) {
            return;
        }
        Role r = role.value();
        String arn = r.arn() != null ? r.arn() : roleArn;
        ObjectNode cfg = SdkJson.toJson(r);
        try {
            cfg.set("AssumeRolePolicyDocument", SdkJson.parseIamPolicy(r.assumeRolePolicyDocument()));
        } catch (RuntimeException e) {
            cfg.remove("AssumeRolePolicyDocument");
            a.run.errorNode(a.id, G, SVC, "GetRole", Failure.of(e), TYPE, arn, List.of("AssumeRolePolicyDocument"));
        }
        Result<List<String>> inline = a.call(G, SVC, "ListRolePolicies", Target.of(TYPE, arn, "RolePolicyList"),
                () -> iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().stream().toList());
        if (inline.ok()) {
            ArrayNode list = cfg.putArray("RolePolicyList");
            boolean complete = true;
            for (String pn : inline.value()) {
                Result<String> doc = a.call(G, SVC, "GetRolePolicy", Target.of(TYPE, arn, "RolePolicyList"),
                        () -> iam.getRolePolicy(b -> b.roleName(name).policyName(pn)).policyDocument());
                if (doc.ok()) {
                    ObjectNode p = list.addObject();
                    p.put("PolicyName", pn);
                    p.set("PolicyDocument", parse(a, arn, "GetRolePolicy", "RolePolicyList", doc.value()));
                } else {
                    complete = false;
                }
            }
            if (!complete) {
                cfg.remove("RolePolicyList");
            }
        }
        Result<List<AttachedPolicy>> attached = a.call(G, SVC, "ListAttachedRolePolicies",
                Target.of(TYPE, arn, "AttachedManagedPolicies"),
                () -> iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().stream()
                        .toList());
        if (attached.ok()) {
            ArrayNode list = cfg.putArray("AttachedManagedPolicies");
            boolean complete = true;
            for (AttachedPolicy ap : attached.value()) {
                ObjectNode p = list.addObject();
                p.put("PolicyName", ap.policyName());
                p.put("PolicyArn", ap.policyArn());
                Result<String> version = a.call(G, SVC, "GetPolicy", Target.of(TYPE, arn, "AttachedManagedPolicies"),
                        () -> iam.getPolicy(b -> b.policyArn(ap.policyArn())).policy().defaultVersionId());
                if (!version.ok()) {
                    complete = false;
                    continue;
                }
                Result<String> doc = a.call(G, SVC, "GetPolicyVersion",
                        Target.of(TYPE, arn, "AttachedManagedPolicies"),
                        () -> iam.getPolicyVersion(b -> b.policyArn(ap.policyArn()).versionId(version.value()))
                                .policyVersion().document());
                if (doc.ok()) {
                    p.set("PolicyDocument", parse(a, arn, "GetPolicyVersion", "AttachedManagedPolicies",
                            doc.value()));
                } else {
                    complete = false;
                }
            }
            if (!complete) {
                cfg.remove("AttachedManagedPolicies");
            }
        }
        a.run.resource(TYPE, arn, a.id, G, cfg);
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(Account a, String arn, String op, String field,
                                                                 String doc) {
        try {
            return SdkJson.parseIamPolicy(doc);
        } catch (RuntimeException e) {
            a.run.errorNode(a.id, G, SVC, op, Failure.of(e), TYPE, arn, List.of(field));
            return SdkJson.F.nullNode();
        }
    }
}
