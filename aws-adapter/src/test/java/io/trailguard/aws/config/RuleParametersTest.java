package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.RuleInfo;
import io.trailguard.core.RulePack;
import io.trailguard.rules.BuiltinRules;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RuleParametersTest {
    static final RulePack PACK = BuiltinRules.pack();

    static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    @Test
    void noParametersSelectEveryRuleAndFailClosed() {
        RuleParameters p = RuleParameters.parse(JSON.createObjectNode(), PACK);
        assertThat(p.pack().size()).isEqualTo(PACK.size());
        assertThat(p.unknownAs()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(p.engineParams()).isEmpty();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void rulesSelectsByIdAndParametersNameARuleParameter() throws IOException {
        RuleParameters p = RuleParameters.parse(json("{\"rules\":\" CT-05 , CT-03\",\"unknownAs\":\"not_applicable\","
                + "\"CT-05.maxDeliveryLag\":\"2h\",\"myParameterKey\":\"x\"}"), PACK);
        assertThat(p.pack().rules()).extracting(RuleInfo::id).containsExactlyInAnyOrder("CT-03", "CT-05");
        assertThat(p.unknownAs()).isEqualTo(Compliance.NOT_APPLICABLE);
        assertThat(p.engineParams()).containsExactly(java.util.Map.entry("CT-05.maxDeliveryLag", "2h"));
        assertThat(p.warnings()).containsExactly("rule parameter 'myParameterKey' names no parameter of the selected "
                + "rules; ignored");
    }

    @Test
    void aParameterOfAnUnselectedRuleIsAWarning() throws IOException {
        RuleParameters p = RuleParameters.parse(json("{\"rules\":\"CT-03\",\"maxDeliveryLag\":\"2h\"}"), PACK);
        assertThat(p.engineParams()).isEmpty();
        assertThat(p.warnings()).singleElement().asString().contains("'maxDeliveryLag'");
    }

    @Test
    void badSelectionsAndUnknownAsAreErrorsNamingTheParameter() {
        assertThatThrownBy(() -> RuleParameters.parse(json("{\"rules\":\" , \"}"), PACK))
                .hasMessageStartingWith("/ruleParameters/rules: ' , ' names no rule");
        assertThatThrownBy(() -> RuleParameters.parse(json("{\"rules\":\"CT-03,XX-99\"}"), PACK))
                .hasMessageStartingWith("/ruleParameters/rules: names unknown rule(s) [XX-99]");
        assertThatThrownBy(() -> RuleParameters.parse(json("{\"unknownAs\":\"COMPLIANT\"}"), PACK))
                .hasMessage("/ruleParameters/unknownAs: expected NON_COMPLIANT or NOT_APPLICABLE, found 'COMPLIANT'");
    }
}
