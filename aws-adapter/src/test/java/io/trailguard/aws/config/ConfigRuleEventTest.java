package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigRuleEventTest {
    static ObjectNode event(String invoking) {
        ObjectNode e = JSON.createObjectNode();
        e.put("invokingEvent", invoking);
        e.put("configRuleArn", "arn:aws-cn:config:cn-north-1:111122223333:config-rule/config-rule-tg0001");
        e.put("accountId", "111122223333");
        e.put("resultToken", "tok");
        return e;
    }

    @Test
    void readsTheFieldsConfigSendsAsStrings() {
        ObjectNode e = event("{\"messageType\":\"ScheduledNotification\","
                + "\"notificationCreationTime\":\"2026-11-20T09:00:00.000Z\"}");
        e.put("ruleParameters", "{\"rules\":\"CT-03\"}");
        e.put("eventLeftScope", true);
        ConfigRuleEvent p = ConfigRuleEvent.parse(e);
        assertThat(p.messageType()).isEqualTo("ScheduledNotification");
        assertThat(p.ruleParameters().path("rules").asText()).isEqualTo("CT-03");
        assertThat(p.region()).isEqualTo("cn-north-1");
        assertThat(p.partition()).isEqualTo("aws-cn");
        assertThat(p.resultToken()).isEqualTo("tok");
        assertThat(p.testMode()).isFalse();
        assertThat(p.leftScope()).isTrue();
        assertThat(p.notificationTime()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    }

    @Test
    void noTokenMeansTestMode() {
        ObjectNode e = event("{\"messageType\":\"ScheduledNotification\"}");
        e.remove("resultToken");
        ConfigRuleEvent p = ConfigRuleEvent.parse(e);
        assertThat(p.resultToken()).isEqualTo(ConfigRuleHandler.TEST_MODE_TOKEN);
        assertThat(p.testMode()).isTrue();
        assertThat(p.ruleParameters().isObject()).isTrue();
    }

    @Test
    void theMemberRoleIsAssumedOnlyInAnotherTwelveDigitAccount() {
        ConfigRuleEvent p = ConfigRuleEvent.parse(event("{}"));
        assertThat(p.memberRoleArn("Member", null)).isEqualTo("arn:aws-cn:iam::111122223333:role/Member");
        assertThat(p.memberRoleArn("Member", "111122223333")).isNull();
        assertThat(p.memberRoleArn(null, null)).isNull();
        ObjectNode odd = event("{}");
        odd.put("accountId", "not-an-account");
        assertThat(ConfigRuleEvent.parse(odd).memberRoleArn("Member", null)).isNull();
    }

    @Test
    void malformedFieldsAreNamedByTheirPointer() {
        ObjectNode none = event("{}");
        none.remove("invokingEvent");
        assertThatThrownBy(() -> ConfigRuleEvent.parse(none)).hasMessageStartingWith("/invokingEvent: missing");
        assertThatThrownBy(() -> ConfigRuleEvent.parse(event("{oops"))).hasMessageStartingWith("/invokingEvent: not valid JSON");
        assertThatThrownBy(() -> ConfigRuleEvent.parse(event("[1]")))
                .hasMessage("/invokingEvent: expected a JSON object (as a string), found array");
        ObjectNode params = event("{}");
        params.put("ruleParameters", 3);
        assertThatThrownBy(() -> ConfigRuleEvent.parse(params))
                .hasMessage("/ruleParameters: expected a JSON object, found number");
        ConfigRuleEvent badTime = ConfigRuleEvent.parse(event("{\"notificationCreationTime\":\"yesterday\"}"));
        assertThatThrownBy(badTime::notificationTime)
                .hasMessageStartingWith("/invokingEvent/notificationCreationTime: not an ISO 8601 time");
    }
}
