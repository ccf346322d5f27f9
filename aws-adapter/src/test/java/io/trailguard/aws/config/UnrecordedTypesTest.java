package io.trailguard.aws.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Config file without items of a type cannot tell "none" from "not recorded": unless a recorder item shows the
 * type is recorded, the type's list is marked incomplete, so the rules looking for it say UNKNOWN, not FAIL.
 */
class UnrecordedTypesTest {
    private static JsonNode item(String path) throws IOException {
        try (InputStream in = UnrecordedTypesTest.class.getResourceAsStream("/config/" + path)) {
            JsonNode n = new ObjectMapper().readTree(in);
            return n.has("configurationItem") ? n.get("configurationItem") : n;
        }
    }

    private static List<String> typeGaps(ObjectNode snapshot) {
        List<String> out = new ArrayList<>();
        snapshot.get("errors").forEach(e -> {
            if (!e.has("resourceId")) {
                out.add(e.get("accountId").asText() + " " + e.get("region").asText() + " " + e.get("resourceType").asText());
            }
        });
        return out;
    }

    @Test
    void withoutARecorderItemAbsentTypesAreUnknown() throws IOException {
        ObjectNode s = ConfigSnapshotReader.fromItems(List.of(item("rdk/AWS_EC2_Subnet.json")), "subnet only");
        assertThat(typeGaps(s)).contains("264683526309 us-east-1 AWS::EC2::FlowLog", "264683526309 us-east-1 AWS::CloudTrail::Trail")
                .doesNotContain("264683526309 us-east-1 AWS::EC2::Subnet");
        assertThat(s.get("errors").toString()).contains(ConfigItemMapper.NOT_RECORDED).contains("Scan a live collection");
    }

    @Test
    void aRecorderOfAllSupportedTypesMakesAbsenceMeanNone() throws IOException {
        ObjectNode s = ConfigSnapshotReader.fromItems(List.of(item("rdk/AWS_EC2_Subnet.json"),
                item("trailguard/AWS_Config_ConfigurationRecorder_264683526309.json")), "subnet and recorder");
        assertThat(typeGaps(s)).noneMatch(g -> g.startsWith("264683526309 us-east-1 "));
    }
}
