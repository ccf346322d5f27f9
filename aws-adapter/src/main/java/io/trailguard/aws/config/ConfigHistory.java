package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationItem;
import software.amazon.awssdk.services.config.model.GetResourceConfigHistoryResponse;
import software.amazon.awssdk.services.config.model.ResourceNotDiscoveredException;

/**
 * Reads the item of an oversized change notification with {@code GetResourceConfigHistory} (limit 1: the latest) and
 * writes it in the notification's item format, for {@link ConfigItemMapper}. Stateless.
 *
 * <p>https://docs.aws.amazon.com/config/latest/APIReference/API_GetResourceConfigHistory.html
 */
final class ConfigHistory {
    private ConfigHistory() {
    }

    /** Config has no item for the resource yet; {@link #getMessage()} names the reason as Config gave it. */
    static final class NotReadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The latest item of the resource the oversized notification's summary names.
     *
     * @throws IllegalArgumentException when the summary names no resource type or id
     * @throws NotReadable              when Config has not discovered the resource or its history is empty
     */
    static JsonNode latestItem(ConfigClient config, JsonNode summary) {
        String type = summary.path("resourceType").asText(null);
        String id = summary.path("resourceId").asText(null);
        if (type == null || id == null) {
            throw new IllegalArgumentException("/invokingEvent/configurationItemSummary: the oversized notification's "
                    + "summary needs resourceType and resourceId");
        }
        GetResourceConfigHistoryResponse r;
        try {
            r = config.getResourceConfigHistory(b -> b.resourceType(type).resourceId(id).limit(1));
        } catch (ResourceNotDiscoveredException e) {
            throw new NotReadable("ResourceNotDiscoveredException", e);
        }
        if (r.configurationItems().isEmpty()) {
            throw new NotReadable("empty GetResourceConfigHistory", null);
        }
        return itemJson(r.configurationItems().get(0));
    }

    /** An SDK item in the notification's JSON format (configuration as parsed JSON). */
    static ObjectNode itemJson(ConfigurationItem ci) {
        ObjectNode o = ConfigJson.F.objectNode();
        o.put("version", ci.version());
        o.put("accountId", ci.accountId());
        if (ci.configurationItemCaptureTime() != null) {
            o.put("configurationItemCaptureTime", ci.configurationItemCaptureTime().toString());
        }
        o.put("configurationItemStatus", ci.configurationItemStatusAsString());
        o.put("configurationStateId", ci.configurationStateId());
        o.put("arn", ci.arn());
        o.put("resourceType", ci.resourceTypeAsString());
        o.put("resourceId", ci.resourceId());
        o.put("resourceName", ci.resourceName());
        o.put("awsRegion", ci.awsRegion());
        o.set("configuration", ci.configuration() == null ? null
                : ConfigJson.parsed(ConfigJson.F.textNode(ci.configuration())));
        ObjectNode supp = o.putObject("supplementaryConfiguration");
        ci.supplementaryConfiguration().forEach(supp::put);
        return o;
    }
}
