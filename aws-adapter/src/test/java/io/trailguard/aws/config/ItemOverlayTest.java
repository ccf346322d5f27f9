package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static io.trailguard.aws.config.ConfigItemMapperTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ItemOverlayTest {
    static ObjectNode snapshot(String resources) throws IOException {
        return (ObjectNode) JSON.readTree("{\"accounts\":[\"999988887777\"],\"resources\":" + resources + "}");
    }

    @Test
    void theItemsFieldsWinAndCollectedFieldsConfigLacksStay() throws IOException {
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(item("rdk/AWS_Cloudtrail_Trail.json"));
        ObjectNode snap = snapshot("[{\"type\":\"AWS::CloudTrail::Trail\",\"id\":\"" + m.snapshotId() + "\","
                + "\"configuration\":{\"S3BucketName\":\"old\",\"Status\":{\"IsLogging\":true}}}]");
        ItemOverlay.overlay(snap, m);
        assertThat(snap.path("resources")).hasSize(1);
        assertThat(snap.at("/resources/0/configuration/S3BucketName").asText()).isEqualTo("mborch-apjc-cloudtrail-bucket");
        assertThat(snap.at("/resources/0/configuration/Status/IsLogging").asBoolean()).isTrue();
        assertThat(snap.has("errors")).isFalse();
    }

    @Test
    void anItemTheCollectionLacksIsAddedWithWhatConfigDoesNotRecord() throws IOException {
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(item("rdk/AWS_Cloudtrail_Trail.json"));
        ObjectNode snap = snapshot("[]");
        ItemOverlay.overlay(snap, m);
        assertThat(snap.at("/resources/0/id").asText()).isEqualTo(m.snapshotId());
        assertThat(snap.path("errors")).isNotEmpty().allSatisfy(e -> assertThat(e.path("code").asText())
                .isEqualTo(ConfigItemMapper.NOT_RECORDED));
        assertThat(snap.path("accounts").toString()).isEqualTo("[\"999988887777\",\"" + m.accountId() + "\"]");
    }
}
