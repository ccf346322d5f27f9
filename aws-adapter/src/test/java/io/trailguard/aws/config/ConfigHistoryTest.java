package io.trailguard.aws.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.model.ConfigurationItem;

class ConfigHistoryTest {
    @Test
    void aHistoryItemIsWrittenInTheNotificationsFormat() {
        ConfigurationItem ci = ConfigurationItem.builder().version("1.3").accountId("111122223333")
                .configurationItemCaptureTime(Instant.parse("2026-11-20T09:00:00Z")).configurationItemStatus("OK")
                .arn("arn:aws:s3:::logs").resourceType("AWS::S3::Bucket").resourceId("logs").resourceName("logs")
                .awsRegion("us-east-1").configuration("{\"name\":\"logs\"}")
                .supplementaryConfiguration(Map.of("BucketPolicy", "{\"policyText\":null}")).build();
        ObjectNode o = ConfigHistory.itemJson(ci);
        assertThat(o.path("configurationItemCaptureTime").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(o.at("/configuration/name").asText()).isEqualTo("logs");
        assertThat(o.at("/supplementaryConfiguration/BucketPolicy").asText()).isEqualTo("{\"policyText\":null}");
        assertThat(ConfigItemMapper.map(o).resourceType()).isEqualTo("AWS::S3::Bucket");
    }

    @Test
    void aSummaryWithoutTypeOrIdIsAnErrorBeforeAnyCall() {
        ObjectNode summary = ConfigJson.F.objectNode().put("resourceType", "AWS::S3::Bucket");
        assertThatThrownBy(() -> ConfigHistory.latestItem(null, summary))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/invokingEvent/configurationItemSummary:");
    }
}
