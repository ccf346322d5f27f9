package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the snapshot a change notification is evaluated on: the live collection of the item's account and region,
 * with the notified item put over it. Stateless.
 */
final class ItemOverlay {
    private ItemOverlay() {
    }

    /**
     * Puts the mapped item into the collected snapshot: the item's fields win over the collected ones; fields Config
     * does not record keep the collected values, or stay unknown (the item's {@code NotRecordedByConfig} errors) when
     * the collection has no such resource.
     */
    static void overlay(ObjectNode snap, ConfigItemMapper.Mapped m) {
        ArrayNode resources = (ArrayNode) snap.path("resources");
        ObjectNode existing = null;
        for (JsonNode r : resources) {
            if (r.path("type").asText().equals(m.resourceType()) && r.path("id").asText().equals(m.snapshotId())) {
                existing = (ObjectNode) r;
                break;
            }
        }
        if (existing != null) {
            ObjectNode conf = (ObjectNode) existing.path("configuration");
            m.resource().path("configuration").fields().forEachRemaining(e -> conf.set(e.getKey(), e.getValue()));
        } else {
            resources.add(m.resource());
            ArrayNode errors = snap.has("errors") ? (ArrayNode) snap.get("errors") : snap.putArray("errors");
            m.errors().forEach(errors::add);
            ArrayNode accounts = (ArrayNode) snap.path("accounts");
            boolean known = false;
            for (JsonNode a : accounts) {
                known |= (a.isTextual() ? a.asText() : a.path("id").asText()).equals(m.accountId());
            }
            if (!known && m.accountId() != null) {
                accounts.add(m.accountId());
            }
        }
    }
}
