package io.trailguard.core.relation;

import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.OrganizationInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The trails that log an account: the organisation trails of the organisation's management account when the account
 * belongs to the organisation ("an organization trail logs events for the management account and all member
 * accounts in the organization": https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html),
 * then the account's own trails. The organisation's trails come first: they are its baseline.
 */
record OrganizationTrails() implements Algorithm {
    @Override
    public String name() {
        return "organizationTrails";
    }

    /** Every trail's IsOrganizationTrail. */
    @Override
    public Reads reads() {
        return Reads.others(List.of(new Reads.Field(SnapshotIndex.TRAIL, "IsOrganizationTrail", Reads.Kind.BOOLEAN)));
    }

    @Override
    public RelationResult resolve(SnapshotIndex ix, ResourceNode account) {
        String id = account.accountId();
        List<ResourceNode> found = new ArrayList<>();
        UnknownReason gap = ix.gaps().typeGap(SnapshotIndex.TRAIL, id, null).orElse(null);
        OrganizationInfo org = ix.organization();
        AccountInfo info = ix.accounts().get(id);
        if (org != null && info != null && org.id().equals(info.organizationId())
                && org.managementAccountId() != null && !org.managementAccountId().equals(id)) {
            String mgmt = org.managementAccountId();
            for (ResourceNode t : ix.ofType(SnapshotIndex.TRAIL, mgmt)) {
                if (t.configuration().path("IsOrganizationTrail").asBoolean(false)) {
                    found.add(t);
                }
            }
            if (gap == null) {
                if (!ix.coversAccount(mgmt)) {
                    gap = new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT, "organisation trails of management account "
                            + mgmt + " are not known: the snapshot does not cover that account");
                } else {
                    gap = ix.gaps().typeGap(SnapshotIndex.TRAIL, mgmt, null).orElse(null);
                }
            }
        }
        found.addAll(ix.ofType(SnapshotIndex.TRAIL, id));
        return new RelationResult(found, gap, "trails logging account " + id);
    }
}
