package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot resource one configuration item becomes: its id, region and configuration as the per-type mapping of
 * {@link ConfigItemMapper} sets them, and one {@code errors} entry with code {@value ConfigItemMapper#NOT_RECORDED}
 * naming the fields Config does not record (or the whole configuration). Not thread-safe: one per item.
 */
final class ResourceBuilder {
    final String type;
    final String account;
    String region;
    String id;
    ObjectNode conf;
    final List<String> notRecorded = new ArrayList<>();
    boolean wholeNotRecorded;

    ResourceBuilder(String type, String account, String region) {
        this.type = type;
        this.account = account;
        this.region = region;
    }

    void notRecorded(String... fields) {
        notRecorded.addAll(List.of(fields));
    }

    void notRecorded() {
        wholeNotRecorded = true;
    }

    ConfigItemMapper.Mapped done(String configId, Instant captured) {
        ObjectNode r = ConfigJson.F.objectNode();
        r.put("type", type);
        r.put("id", id);
        r.put("accountId", account);
        r.put("region", region == null ? "global" : region);
        r.set("configuration", conf == null ? ConfigJson.F.objectNode() : conf);
        List<ObjectNode> errors = new ArrayList<>();
        if (wholeNotRecorded || !notRecorded.isEmpty()) {
            ObjectNode e = ConfigJson.F.objectNode();
            e.put("accountId", account);
            e.put("region", region == null ? "global" : region);
            e.put("service", "config");
            e.put("operation", "ConfigurationItem");
            e.put("code", ConfigItemMapper.NOT_RECORDED);
            e.put("message", wholeNotRecorded ? "AWS Config recorded no configuration for this resource"
                    : "AWS Config does not record " + String.join(", ", notRecorded) + " for " + type);
            e.put("resourceType", type);
            e.put("resourceId", id);
            if (!wholeNotRecorded) {
                ArrayNode f = e.putArray("fields");
                notRecorded.forEach(f::add);
            }
            errors.add(e);
        }
        return new ConfigItemMapper.Mapped(type, configId, account, region, captured, false, r, errors);
    }
}
