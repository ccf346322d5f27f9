package io.trailguard.core.relation;

import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow logs of a VPC, subnet or network interface, by the capture hierarchy: a flow log on a VPC or subnet
 * monitors every network interface in it (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html; the flow
 * log records of each monitored interface: https://docs.aws.amazon.com/cli/latest/reference/ec2/create-flow-logs.html),
 * so a flow log captures an interface when it is on the interface, its subnet or its VPC, and a subnet when it is on
 * the subnet or its VPC. A flow log names what it is on by {@code ResourceId}.
 *
 * @param wholeVpc false: the flow logs that capture the resource; true: every flow log in the resource's VPC, at any
 *                 level (the VPC, its subnets, their interfaces)
 */
record FlowLogCapture(boolean wholeVpc) implements Algorithm {
    @Override
    public String name() {
        return wholeVpc ? "vpcFlowLogs" : "capturingFlowLogs";
    }

    /** Every flow log's ResourceId. */
    @Override
    public Reads reads() {
        return Reads.others(List.of(new Reads.Field(SnapshotIndex.FLOW_LOG, "ResourceId", Reads.Kind.STRING)));
    }

    @Override
    public RelationResult resolve(SnapshotIndex ix, ResourceNode r) {
        return wholeVpc ? inVpc(ix, r) : capturing(ix, r);
    }

    private static List<ResourceNode> on(SnapshotIndex ix, String resourceId) {
        return ix.withField(SnapshotIndex.FLOW_LOG, "ResourceId", resourceId);
    }

    private static RelationResult capturing(SnapshotIndex ix, ResourceNode r) {
        List<String> targets = new ArrayList<>();
        targets.add(r.id());
        if (r.type().equals(SnapshotIndex.ENI) && r.text("SubnetId") != null) {
            targets.add(r.text("SubnetId"));
        }
        if (!r.type().equals(SnapshotIndex.VPC) && r.text("VpcId") != null) {
            targets.add(r.text("VpcId"));
        }
        List<ResourceNode> found = new ArrayList<>();
        targets.forEach(t -> found.addAll(on(ix, t)));
        return new RelationResult(found, ix.gaps().typeGap(SnapshotIndex.FLOW_LOG, r.accountId(), r.region()).orElse(null),
                "flow logs on " + String.join(" or ", targets));
    }

    private static RelationResult inVpc(SnapshotIndex ix, ResourceNode r) {
        String vpc = r.type().equals(SnapshotIndex.VPC) ? r.id() : r.text("VpcId");
        List<ResourceNode> found = new ArrayList<>();
        if (vpc != null) {
            found.addAll(on(ix, vpc));
            for (ResourceNode s : ix.withField(SnapshotIndex.SUBNET, "VpcId", vpc)) {
                found.addAll(on(ix, s.id()));
                for (ResourceNode e : ix.withField(SnapshotIndex.ENI, "SubnetId", s.id())) {
                    found.addAll(on(ix, e.id()));
                }
            }
        }
        return new RelationResult(found, ix.gaps().typeGap(SnapshotIndex.FLOW_LOG, r.accountId(), r.region()).orElse(null),
                "flow logs in " + vpc);
    }
}
