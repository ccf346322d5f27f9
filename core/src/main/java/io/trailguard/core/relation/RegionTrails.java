package io.trailguard.core.relation;

import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The trails that exist in a region of an account: those whose home region it is, and the account's multi-region
 * trails, which apply to every enabled region
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail-by-using-the-aws-cli-create-trail.html)
 * and so count in each toward the quota of five trails per Region
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html).
 */
record RegionTrails() implements Algorithm {
    @Override
    public String name() {
        return "regionTrails";
    }

    /** Every trail's IsMultiRegionTrail. */
    @Override
    public Reads reads() {
        return Reads.others(List.of(new Reads.Field(SnapshotIndex.TRAIL, "IsMultiRegionTrail", Reads.Kind.BOOLEAN)));
    }

    @Override
    public RelationResult resolve(SnapshotIndex ix, ResourceNode region) {
        List<ResourceNode> found = new ArrayList<>();
        for (ResourceNode t : ix.ofType(SnapshotIndex.TRAIL, region.accountId())) {
            if (t.region().equals(region.region()) || t.configuration().path("IsMultiRegionTrail").asBoolean(false)) {
                found.add(t);
            }
        }
        return new RelationResult(found, ix.gaps().typeGap(SnapshotIndex.TRAIL, region.accountId(), region.region())
                .orElse(null), "trails in " + region.accountId() + "/" + region.region());
    }
}
