package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
    @Test
    void jsonSentAsAStringTwiceIsReadBack() {
        String once = "{\"a\":[1]}";
        assertThat(ConfigJson.parsed(ConfigJson.F.textNode(once)).at("/a/0").asInt()).isEqualTo(1);
        assertThat(ConfigJson.parsed(ConfigJson.F.textNode(ConfigJson.F.textNode(once).toString())).at("/a/0").asInt())
                .isEqualTo(1);
        assertThat(ConfigJson.parsed(ConfigJson.F.textNode("plain")).asText()).isEqualTo("plain");
        assertThat(ConfigJson.parsed(ConfigJson.F.textNode("{not json")).asText()).isEqualTo("{not json");
    }

    @Test
    void iamPoliciesAreUrlDecoded() {
        String encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assertThat(ConfigJson.iamPolicy(ConfigJson.F.textNode(encoded)).path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(ConfigJson.iamPolicy(null)).isNull();
    }

    @Test
    void camelCaseKeysBecomeTheApisPascalCaseWithIsoTimes() throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree("{\"id\":\"x\",\"creationTime\":1519183538560,"
                + "\"flowLogs\":[{\"logDestinationType\":\"s3\"}]}");
        assertThat(ConfigJson.pascal(c).toString()).isEqualTo("{\"ID\":\"x\",\"CreationTime\":\"2018-02-21T03:25:38.560Z\","
                + "\"FlowLogs\":[{\"LogDestinationType\":\"s3\"}]}");
        ObjectNode p = (ObjectNode) JSON.readTree("{\"RoleARN\":\"r\",\"RecordingGroup\":{\"AllSupported\":true}}");
        assertThat(ConfigJson.camel(p).toString()).isEqualTo("{\"roleARN\":\"r\",\"recordingGroup\":{\"allSupported\":true}}");
    }

    @Test
    void timesInEveryFormConfigUses() {
        Instant t = Instant.parse("2018-02-21T03:25:38Z");
        assertThat(ConfigJson.instant(ConfigJson.F.numberNode(1519183538L))).isEqualTo(t);
        assertThat(ConfigJson.instant(ConfigJson.F.numberNode(1519183538000L))).isEqualTo(t);
        assertThat(ConfigJson.instant(ConfigJson.F.textNode("2018-02-21T04:25:38+01:00"))).isEqualTo(t);
        assertThat(ConfigJson.instant(ConfigJson.F.textNode("yesterday"))).isNull();
        assertThat(ConfigJson.instant(null)).isNull();
    }
}
