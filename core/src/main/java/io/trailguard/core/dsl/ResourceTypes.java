package io.trailguard.core.dsl;

import io.trailguard.core.Problem;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.snapshot.SnapshotIndex;
import io.trailguard.core.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resource types trailguard's snapshots hold (docs/snapshot-format.md; what the collector and the AWS Config
 * reader produce), to catch a misspelt {@code resource:} of a rule: a rule for {@code AWS::CloudTrail::Trial} would
 * match nothing and pass silently, so a type a few edits from a known one is an error with "did you mean". A type
 * far from every known one (a user's own, or another AWS Config type in a Config snapshot) is left alone.
 *
 * @since 0.1.0
 */
public final class ResourceTypes {
    /** The types trailguard's snapshots hold, sorted. */
    public static final Set<String> KNOWN = new TreeSet<>(List.of(SnapshotIndex.TRAIL, SnapshotIndex.BUCKET,
            SnapshotIndex.KMS_KEY, SnapshotIndex.LOG_GROUP, SnapshotIndex.VPC, SnapshotIndex.SUBNET, SnapshotIndex.ENI,
            SnapshotIndex.FLOW_LOG, SnapshotIndex.ROLE, SnapshotIndex.TOPIC, SnapshotIndex.ALARM,
            SnapshotIndex.CONFIG_RECORDER, SnapshotIndex.HOSTED_ZONE, SnapshotIndex.LOGS_RESOURCE_POLICY,
            SnapshotIndex.RESOLVER_QUERY_LOG_ASSOCIATION, SnapshotIndex.RESOLVER_QUERY_LOG_CONFIG,
            "AWS::S3::AccountPublicAccessBlock"));

    private ResourceTypes() {
    }

    /**
     * The problems of a rule document's {@code resource:} types, positioned in it: checked on the document itself,
     * so that the type is named even when the rest of the rule cannot be parsed for it (its relations).
     */
    public static List<Problem> check(YamlDocument doc) {
        List<Problem> out = new ArrayList<>();
        var node = doc.root().path("resource");
        boolean list = node.isArray();
        List<String> types = new ArrayList<>();
        if (list) {
            node.forEach(t -> types.add(t.asText()));
        } else if (node.isTextual()) {
            types.add(node.asText());
        }
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            String near = KNOWN.contains(t) ? "" : Suggestions.hint(t, KNOWN);
            if (!near.isEmpty()) {
                out.add(doc.problem(doc.valueAt(list ? "/resource/" + i : "/resource"), "unknown resource type '" + t
                        + "'" + near + ": a rule for it would match nothing and pass silently"));
            }
        }
        return out;
    }
}
