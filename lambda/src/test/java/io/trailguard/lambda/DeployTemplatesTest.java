package io.trailguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.config.ConfigRuleHandler;
import io.trailguard.core.RuleInfo;
import io.trailguard.rules.BuiltinRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CloudFormation templates of deploy/ against the code: the handler exists and has the Lambda signature, the
 * runtime is a managed Java runtime, every action the collector calls (docs/trailguard-read-policy.json, itself
 * checked against the collector's requests by LeastPrivilegeTest) plus the Config calls is granted, Config may
 * invoke the function, and the trigger types and scope are the ones the handler answers.
 */
class DeployTemplatesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Set<String> RUNTIMES = Set.of("java21", "java25");

    static JsonNode template(String name) throws IOException {
        return JSON.readTree(Files.readString(ROOT.resolve("deploy").resolve(name)));
    }

    static Set<String> collectorActions() throws IOException {
        JsonNode p = JSON.readTree(Files.readString(ROOT.resolve("docs/trailguard-read-policy.json")));
        Set<String> out = new TreeSet<>();
        p.path("Statement").get(0).path("Action").forEach(a -> out.add(a.asText()));
        out.add("config:PutEvaluations");
        out.add("config:GetResourceConfigHistory");
        return out;
    }

    static Set<String> granted(JsonNode role) {
        Set<String> out = new TreeSet<>();
        for (JsonNode pol : role.path("Properties").path("Policies")) {
            for (JsonNode st : pol.path("PolicyDocument").path("Statement")) {
                if (st.path("Effect").asText().equals("Allow") && st.path("Resource").asText().equals("*")) {
                    JsonNode a = st.path("Action");
                    if (a.isArray()) {
                        a.forEach(x -> out.add(x.asText()));
                    } else {
                        out.add(a.asText());
                    }
                }
            }
        }
        return out;
    }

    static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(x -> out.add(x.isObject() ? x.path("MessageType").asText() : x.asText()));
        return out;
    }

    /** The resource types the built-in pack's resource-scope rules evaluate: what a change can make evaluable. */
    static Set<String> evaluatedTypes() {
        Set<String> out = new TreeSet<>();
        for (RuleInfo r : BuiltinRules.pack().rules()) {
            if (r.scope().equals("resource")) {
                out.addAll(r.resourceTypes());
            }
        }
        return out;
    }

    static void checkFunction(JsonNode t) throws Exception {
        JsonNode f = t.path("Resources").path("Function");
        assertThat(f.path("Type").asText()).isEqualTo("AWS::Lambda::Function");
        String handler = f.path("Properties").path("Handler").asText();
        String[] parts = handler.split("::");
        assertThat(parts).hasSize(2);
        Class<?> c = Class.forName(parts[0]);
        assertThat(RequestHandler.class).isAssignableFrom(c);
        assertThat(c.getMethod(parts[1], Map.class, Context.class)).isNotNull();
        assertThat(c.getConstructor()).isNotNull();
        assertThat(f.path("Properties").path("Runtime").path("Ref").asText()).isEqualTo("Runtime");
        JsonNode rt = t.path("Parameters").path("Runtime");
        assertThat(RUNTIMES).contains(rt.path("Default").asText());
        rt.path("AllowedValues").forEach(v -> assertThat(RUNTIMES).contains(v.asText()));
        JsonNode perm = t.path("Resources").path("ConfigPermission").path("Properties");
        assertThat(perm.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(perm.path("Principal").asText()).isEqualTo("config.amazonaws.com");
        assertThat(perm.path("FunctionName").path("Fn::GetAtt").get(0).asText()).isEqualTo("Function");
        String role = f.path("Properties").path("Role").path("Fn::GetAtt").get(0).asText();
        assertThat(granted(t.path("Resources").path(role))).containsAll(collectorActions());
    }

    @Test
    void singleAccountTemplate() throws Exception {
        JsonNode t = template("config-rule-account.json");
        checkFunction(t);
        JsonNode rule = t.path("Resources").path("ConfigRule");
        assertThat(rule.path("Type").asText()).isEqualTo("AWS::Config::ConfigRule");
        assertThat(texts(rule.path("DependsOn").isArray() ? rule.path("DependsOn")
                : JSON.createArrayNode().add(rule.path("DependsOn")))).contains("ConfigPermission");
        JsonNode src = rule.path("Properties").path("Source");
        assertThat(src.path("Owner").asText()).isEqualTo("CUSTOM_LAMBDA");
        assertThat(src.path("SourceIdentifier").path("Fn::GetAtt").get(0).asText()).isEqualTo("Function");
        assertThat(texts(src.path("SourceDetails"))).isEqualTo(new TreeSet<>(ConfigRuleHandler.MESSAGE_TYPES));
        src.path("SourceDetails").forEach(d -> assertThat(d.path("EventSource").asText()).isEqualTo("aws.config"));
        assertThat(texts(rule.path("Properties").path("Scope").path("ComplianceResourceTypes")))
                .isEqualTo(evaluatedTypes());
    }

    @Test
    void organisationTemplate() throws Exception {
        JsonNode t = template("config-rule-organization.json");
        checkFunction(t);
        JsonNode env = t.path("Resources").path("Function").path("Properties").path("Environment").path("Variables");
        assertThat(env.path("TRAILGUARD_MEMBER_ROLE_NAME").path("Ref").asText()).isEqualTo("MemberRoleName");
        JsonNode rule = t.path("Resources").path("OrganizationConfigRule");
        assertThat(rule.path("Type").asText()).isEqualTo("AWS::Config::OrganizationConfigRule");
        JsonNode meta = rule.path("Properties").path("OrganizationCustomRuleMetadata");
        assertThat(meta.path("LambdaFunctionArn").path("Fn::GetAtt").get(0).asText()).isEqualTo("Function");
        assertThat(texts(meta.path("OrganizationConfigRuleTriggerTypes")))
                .isEqualTo(new TreeSet<>(ConfigRuleHandler.MESSAGE_TYPES));
        assertThat(texts(meta.path("ResourceTypesScope"))).isEqualTo(evaluatedTypes());
        assertThat(texts(rule.path("DependsOn"))).contains("ConfigPermission", "MemberRoleStackSet");
        // the member role, deployed by the StackSet, is the one of config-rule-member-role.json and grants it all
        JsonNode stackSet = t.path("Resources").path("MemberRoleStackSet").path("Properties");
        assertThat(stackSet.path("PermissionModel").asText()).isEqualTo("SERVICE_MANAGED");
        assertThat(texts(stackSet.path("Capabilities"))).contains("CAPABILITY_NAMED_IAM");
        JsonNode member = JSON.readTree(stackSet.path("TemplateBody").asText());
        assertThat(member).isEqualTo(template("config-rule-member-role.json"));
        JsonNode memberRole = member.path("Resources").path("MemberRole");
        assertThat(granted(memberRole)).containsAll(collectorActions());
        assertThat(memberRole.path("Properties").path("RoleName").path("Ref").asText()).isEqualTo("MemberRoleName");
        // the function may assume it
        String assumable = t.path("Resources").path("ExecutionRole").path("Properties").path("Policies").toString();
        assertThat(assumable).contains("sts:AssumeRole").contains(":role/${MemberRoleName}");
    }
}
