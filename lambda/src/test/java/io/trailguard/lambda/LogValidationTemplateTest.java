package io.trailguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.integrity.PlantedLayout;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/log-validation.json against the code: its handler is the triggered-validation function, the role grants every
 * call the function makes, and the EventBridge rule's key pattern matches digest keys of both layouts (with and
 * without an organisation id and a prefix) and no log file key.
 */
class LogValidationTemplateTest {
    @Test
    void theHandlerExistsAndTheRoleGrantsEveryCallTheFunctionMakes() throws Exception {
        JsonNode t = DeployTemplatesTest.template("log-validation.json");
        String handler = t.at("/Resources/Function/Properties/Handler").asText();
        Class<?> c = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestHandler.class.isAssignableFrom(c)).isTrue();
        assertThat(c).isEqualTo(DigestValidationFunction.class);
        Set<String> actions = new TreeSet<>();
        for (JsonNode st : t.at("/Resources/FunctionRole/Properties/Policies/0/PolicyDocument/Statement")) {
            JsonNode s = st.has("Fn::If") ? st.get("Fn::If").get(1) : st;
            actions.add(s.get("Action").asText());
        }
        assertThat(actions).containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket", "cloudtrail:ListPublicKeys",
                "securityhub:BatchImportFindings", "sns:Publish", "kms:Decrypt");
        assertThat(DeployTemplatesTest.RUNTIMES).contains(t.at("/Parameters/Runtime/Default").asText());
    }

    @Test
    void theRuleMatchesDigestKeysOfBothLayoutsAndNoLogFile() throws Exception {
        PlantedLayout.generate();
        JsonNode t = DeployTemplatesTest.template("log-validation.json");
        String wildcard = t.at("/Resources/DigestCreatedRule/Properties/EventPattern/detail/object/key/0/wildcard").asText();
        Pattern p = Pattern.compile(Pattern.quote(wildcard).replace("*", "\\E.*\\Q"));
        String org = PlantedLayout.mainDigests.get(0).replace("AWSLogs/", "corp/audit/AWSLogs/o-a1b2c3d4e5/");
        assertThat(p.matcher(PlantedLayout.mainDigests.get(0)).matches()).isTrue();
        assertThat(p.matcher(org).matches()).isTrue();
        assertThat(p.matcher(PlantedLayout.h3.logFiles().get(0)).matches()).isFalse();
    }
}
