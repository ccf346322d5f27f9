package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The replication rules of a log delivery's bucket that apply to the objects under the delivery's prefix: a rule
 * applies to the objects whose key starts with its prefix filter ({@code Filter.Prefix}, {@code Filter.And.Prefix},
 * or the legacy rule-level {@code Prefix}; no prefix means every object:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRuleFilter.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html). Each rule found is the rule
 * with {@code FilterPrefix} and {@code Index} added; its Status and tag filters are for the rule to judge.
 */
record ReplicationRulePrefixes() implements Algorithm {
    /** The type of its synthetic resources. */
    static final String TYPE = "trailguard::ReplicationRule";

    @Override
    public String name() {
        return "replicationRules";
    }

    /**
     * The bucket's rules as a list of objects and the prefixes it matches on as strings; the other fields of the rules
     * it finds are the rule's to read (and to find of the wrong type).
     */
    @Override
    public Reads reads() {
        return Reads.others(List.of(
                new Reads.Field(SnapshotIndex.BUCKET, "Replication.Rules[]", Reads.Kind.OBJECT),
                new Reads.Field(SnapshotIndex.BUCKET, "Replication.Rules[].Filter.Prefix", Reads.Kind.STRING),
                new Reads.Field(SnapshotIndex.BUCKET, "Replication.Rules[].Filter.And.Prefix", Reads.Kind.STRING),
                new Reads.Field(SnapshotIndex.BUCKET, "Replication.Rules[].Prefix", Reads.Kind.STRING)));
    }

    @Override
    public RelationResult resolve(SnapshotIndex ix, ResourceNode delivery) {
        String name = delivery.text("Bucket");
        String prefix = delivery.text("Prefix") == null ? "" : delivery.text("Prefix");
        ResourceNode b = name == null ? null : KeyKind.BUCKET_NAME.lookup(ix, SnapshotIndex.BUCKET, name, null, null);
        if (b == null) {
            return RelationResult.of(List.of(), "replication rules of bucket " + name);
        }
        List<ResourceNode> out = new ArrayList<>();
        int i = 0;
        for (JsonNode rule : b.configuration().path("Replication").path("Rules")) {
            String p = filterPrefix(rule);
            if (prefix.startsWith(p)) {
                ObjectNode c = rule.isObject() ? ((ObjectNode) rule).deepCopy() : JsonNodeFactory.instance.objectNode();
                c.put("FilterPrefix", p);
                c.put("Index", i);
                String id = b.id() + "#replication-rule/" + rule.path("ID").asText(String.valueOf(i));
                out.add(new ResourceNode(new ResourceRef(TYPE, id, b.accountId(), b.region()), c));
            }
            i++;
        }
        return new RelationResult(out, ix.gaps().fieldGap(b, "Replication").orElse(null),
                "replication rules of " + b.id() + " matching " + prefix);
    }

    /** The prefix a rule filters on: {@code Filter.Prefix}, {@code Filter.And.Prefix}, the legacy {@code Prefix}, else "". */
    static String filterPrefix(JsonNode rule) {
        JsonNode filter = rule.path("Filter");
        String p = filter.path("Prefix").asText(null);
        if (p == null) {
            p = filter.path("And").path("Prefix").asText(null);
        }
        return p != null ? p : rule.path("Prefix").asText("");
    }
}
