package io.trailguard.aws.collect.service;

import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** EC2: enabled regions, and per region VPCs, subnets, network interfaces and flow logs. */
public final class Ec2Collector {
    public static final String VPC = "AWS::EC2::VPC";
    public static final String SUBNET = "AWS::EC2::Subnet";
    public static final String ENI = "AWS::EC2::NetworkInterface";
    public static final String FLOW_LOG = "AWS::EC2::FlowLog";
    private static final String SVC = "ec2";

    private Ec2Collector() {
    }

    /** Every region with its opt-in status ({@code opt-in-not-required}, {@code opted-in}, {@code not-opted-in}). */
    public static Result<List<software.amazon.awssdk.services.ec2.model.Region>> regions(Account a, String via) {
        return a.call(via, SVC, "DescribeRegions", Target.NONE,
                () -> a.ec2(via).describeRegions(b -> b.allRegions(true)).regions());
    }

    public static void vpcs(Account a, String region) {
        a.call(region, SVC, "DescribeVpcs", Target.type(VPC),
                () -> a.ec2(region).describeVpcsPaginator(b -> { }).vpcs().stream().toList())
                .optional().ifPresent(l -> {
                    for (Vpc v : l) {
                        a.run.resource(VPC, v.vpcId(), a.id, region, SdkJson.toJson(v));
                    }
                });
    }

    public static void subnets(Account a, String region) {
        a.call(region, SVC, "DescribeSubnets", Target.type(SUBNET),
                () -> a.ec2(region).describeSubnetsPaginator(b -> { }).subnets().stream().toList())
                .optional().ifPresent(l -> {
                    for (Subnet v : l) {
                        a.run.resource(SUBNET, v.subnetId(), a.id, region, SdkJson.toJson(v));
                    }
                });
    }

    public static void networkInterfaces(Account a, String region) {
        a.call(region, SVC, "DescribeNetworkInterfaces", Target.type(ENI),
                () -> a.ec2(region).describeNetworkInterfacesPaginator(b -> { }).networkInterfaces().stream().toList())
                .optional().ifPresent(l -> {
                    for (NetworkInterface v : l) {
                        a.run.resource(ENI, v.networkInterfaceId(), a.id, region, SdkJson.toJson(v));
                    }
                });
    }

    public static void flowLogs(Account a, String region) {
        var r = a.call(region, SVC, "DescribeFlowLogs", Target.type(FLOW_LOG),
                () -> a.ec2(region).describeFlowLogsPaginator(b -> { }).flowLogs().stream().toList());
        if (r.failed()) {
            a.unreadReferrers.add("ec2:DescribeFlowLogs in " + region);
        }
        r.optional().ifPresent(l -> {
                    for (FlowLog v : l) {
                        if (v.deliverLogsPermissionArn() != null) {
                            a.roleRefs.add(v.deliverLogsPermissionArn());
                        }
                        a.run.resource(FLOW_LOG, v.flowLogId(), a.id, region, SdkJson.toJson(v));
                    }
                });
    }
}
