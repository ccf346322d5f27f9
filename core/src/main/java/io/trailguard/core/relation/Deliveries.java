package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.OrganizationInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Every CloudTrail log delivery into a bucket: one per trail and account whose logs it writes, under the key layout
 * CloudTrail uses, {@code [S3KeyPrefix/]AWSLogs/ACCOUNT/}, or {@code [S3KeyPrefix/]AWSLogs/ORG-ID/ACCOUNT/} for each
 * member account of an organisation trail of the management account
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html,
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html). Each delivery carries
 * AWS's field names and the placeholders of the delivery catalogue's {@code cloudtrail-s3-*} entries (bucket,
 * logPrefix, region, account, trailArn, trailAccount, orgId, orgPaths, sse, kmsKeyArn), so that
 * {@code access: {delivery: ..., from: deliveries}} asks what CloudTrail really sends.
 *
 * @param trails the trails delivering to a bucket (their gap is the deliveries' gap)
 */
record Deliveries(Relation trails) implements Algorithm {
    /** The type of its synthetic resources. */
    static final String TYPE = "trailguard::LogDelivery";

    @Override
    public String name() {
        return "deliveries";
    }

    /** The bucket's trails ({@code trails}: every trail's S3BucketName), and the fields of each it reads. */
    @Override
    public Reads reads() {
        return trails.reads().asOthers().and(Reads.others(List.of(
                new Reads.Field(SnapshotIndex.TRAIL, "IsOrganizationTrail", Reads.Kind.BOOLEAN),
                new Reads.Field(SnapshotIndex.TRAIL, "KmsKeyId", Reads.Kind.STRING))));
    }

    @Override
    public RelationResult resolve(SnapshotIndex ix, ResourceNode bucket) {
        RelationResult found = trails.resolve(ix, bucket);
        List<ResourceNode> out = new ArrayList<>();
        OrganizationInfo org = ix.organization();
        for (ResourceNode t : found.found()) {
            String prefix = t.text("S3KeyPrefix");
            String base = (prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + "AWSLogs/";
            boolean orgTrail = t.configuration().path("IsOrganizationTrail").asBoolean(false);
            if (orgTrail && org != null && t.accountId().equals(org.managementAccountId())) {
                for (AccountInfo a : ix.accounts().values()) {
                    if (org.id().equals(a.organizationId())) {
                        out.add(delivery(ix, bucket, t, a.id(), base + org.id() + "/" + a.id() + "/"));
                    }
                }
            } else {
                out.add(delivery(ix, bucket, t, t.accountId(), base + t.accountId() + "/"));
            }
        }
        return new RelationResult(out, found.gap(), "log deliveries into " + bucket.id());
    }

    private static ResourceNode delivery(SnapshotIndex ix, ResourceNode bucket, ResourceNode trail, String account,
                                         String prefix) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("TrailARN", trail.id());
        c.put("TrailName", trail.text("Name"));
        c.put("TrailAccountId", trail.accountId());
        c.put("AccountId", account);
        c.put("Prefix", prefix);
        c.put("IsOrganizationTrail", trail.configuration().path("IsOrganizationTrail").asBoolean(false));
        c.put("HomeRegion", trail.region());
        String key = trail.text("KmsKeyId");
        if (key != null && !key.isEmpty()) {
            c.put("KmsKeyId", key);
            c.put("EncryptionHeader", "aws:kms");
        }
        c.put("Bucket", bucket.text("Name") != null ? bucket.text("Name") : bucket.id());
        c.put("bucket", c.get("Bucket").asText());
        c.put("logPrefix", prefix);
        c.put("region", trail.region());
        c.put("account", account);
        c.put("trailArn", trail.id());
        c.put("trailAccount", trail.accountId());
        AccountInfo owner = ix.accounts().get(trail.accountId());
        if (owner != null && owner.organizationId() != null) {
            // aws:SourceOrgID: the organisation of the trail's account (AWS Control Tower's audit bucket requires it)
            c.put("orgId", owner.organizationId());
            if (owner.organizationPath() != null) {
                // aws:SourceOrgPaths, sent with it; without it the catalogue sends the key with an unknown value
                c.put("orgPaths", owner.organizationPath());
            }
        }
        if (key != null && !key.isEmpty()) {
            c.put("sse", "aws:kms");
            c.put("kmsKeyArn", key);
        }
        return new ResourceNode(new ResourceRef(TYPE, trail.id() + "#" + account, account, trail.region()), c);
    }
}
