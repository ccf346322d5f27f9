#!/usr/bin/env python3
"""Builds a trailguard snapshot's organisation in moto_server, the AWS emulator, through its APIs.

Usage: build_org.py SNAPSHOT.json ENDPOINT_URL  ->  prints one JSON object on stdout:
  {"accounts": {snapshotAccountId: motoAccountId}, "organizationId": "o-...", "managementAccountId": ...,
   "skipped": [{"type", "id", "reason"}]}

The snapshot's management account becomes moto's default account (123456789012); every other account is created with
Organizations (moto chooses its ids) and entered through OrganizationAccountAccessRole, as the collector does. Account
ids, the organisation id and the ids moto assigns (KMS keys, VPCs, subnets, interfaces, hosted zones) are substituted
everywhere in the snapshot before a resource is created, so policies keep naming what they named. What moto cannot
hold (delivery status and errors, subscription confirmations, account-level Block Public Access) is not built and is
listed under "skipped" with the reason; docs/fix-verification.md lists the rules this leaves out.
"""
import json
import re
import sys

import boto3
from botocore.config import Config

ROOT_KEYS = dict(aws_access_key_id="testing", aws_secret_access_key="testing")
CFG = Config(retries={"max_attempts": 1})


class Builder:
    def __init__(self, snapshot, endpoint):
        self.s = snapshot
        self.endpoint = endpoint
        self.creds = {}
        self.subst = {}
        self.skipped = []

    def client(self, account, service, region="us-east-1"):
        c = self.creds[account]
        return boto3.client(service, endpoint_url=self.endpoint, region_name=region, config=CFG, **c)

    def sub(self, value):
        """The value with every id substituted (applied on its JSON text)."""
        text = json.dumps(value)
        for old in sorted(self.subst, key=len, reverse=True):
            text = text.replace(old, self.subst[old])
        return json.loads(text)

    def skip(self, r, reason):
        self.skipped.append({"type": r["type"], "id": r["id"], "reason": reason})

    # ---- organisation ----

    def organisation(self):
        root = boto3.client("organizations", endpoint_url=self.endpoint, region_name="us-east-1", config=CFG,
                            **ROOT_KEYS)
        org = root.create_organization(FeatureSet="ALL")["Organization"]
        mgmt_old = self.s.get("organization", {}).get("managementAccountId") or self.s["accounts"][0]["id"]
        mgmt = org["MasterAccountId"]
        self.subst[mgmt_old] = mgmt
        if self.s.get("organization", {}).get("id"):
            self.subst[self.s["organization"]["id"]] = org["Id"]
        self.creds[mgmt] = ROOT_KEYS
        sts = boto3.client("sts", endpoint_url=self.endpoint, region_name="us-east-1", config=CFG, **ROOT_KEYS)
        for a in self.s["accounts"]:
            if a["id"] == mgmt_old:
                continue
            new = root.create_account(AccountName=a.get("name") or a["id"],
                                      Email=(a.get("name") or a["id"]) + "@example.com")["CreateAccountStatus"][
                "AccountId"]
            self.subst[a["id"]] = new
            c = sts.assume_role(RoleArn=f"arn:aws:iam::{new}:role/OrganizationAccountAccessRole",
                                RoleSessionName="build-org")["Credentials"]
            self.creds[new] = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                                   aws_session_token=c["SessionToken"])
        return org, mgmt

    # ---- resources, in the order that lets later ones name earlier ones ----

    ORDER = ["AWS::IAM::Role", "AWS::KMS::Key", "AWS::S3::Bucket", "AWS::Logs::LogGroup", "AWS::Logs::ResourcePolicy",
             "AWS::SNS::Topic", "AWS::CloudWatch::Alarm", "AWS::EC2::VPC", "AWS::EC2::Subnet",
             "AWS::EC2::NetworkInterface", "AWS::EC2::FlowLog", "AWS::CloudTrail::Trail",
             "AWS::Config::ConfigurationRecorder", "AWS::Route53::HostedZone", "AWS::S3::AccountPublicAccessBlock"]

    def build(self):
        org, mgmt = self.organisation()
        self.drop_default_vpcs()
        res = self.s["resources"]
        # buckets first named by others but absent from the snapshot (a flow log's destination): created bare in the
        # account of the trails' central bucket, else in the management account, so the resources naming them exist
        present = {r["configuration"].get("Name") for r in res if r["type"] == "AWS::S3::Bucket"}
        self.extra_buckets = []
        for r in res:
            if r["type"] == "AWS::EC2::FlowLog" and r["configuration"].get("LogDestinationType") == "s3":
                b = r["configuration"]["LogDestination"].split(":::", 1)[1].split("/", 1)[0]
                if b not in present:
                    present.add(b)
                    self.extra_buckets.append(b)
        for t in self.ORDER:
            for r in res:
                if r["type"] == t:
                    try:
                        getattr(self, "make_" + re.sub(r"\W+", "_", t.split("::", 1)[1]).lower())(r)
                    except Exception as e:  # noqa: BLE001 - one resource moto refuses must not stop the rest
                        self.skip(r, f"moto refused it: {e}")
        return {"accounts": {old: new for old, new in self.subst.items() if re.fullmatch(r"\d{12}", old)},
                "organizationId": org["Id"], "managementAccountId": mgmt, "extraBuckets": self.extra_buckets,
                "skipped": self.skipped}

    def drop_default_vpcs(self):
        """moto gives every account a default VPC with subnets in every region; the snapshot says what exists."""
        for a in self.s["accounts"]:
            for region in a.get("regions", []):
                ec2 = self.client(self.subst.get(a["id"], a["id"]), "ec2", region)
                for v in ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]:
                    for sn in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [v["VpcId"]]}])["Subnets"]:
                        ec2.delete_subnet(SubnetId=sn["SubnetId"])
                    ec2.delete_vpc(VpcId=v["VpcId"])

    def acct(self, r):
        return self.subst.get(r["accountId"], r["accountId"])

    def make_iam_role(self, r):
        c = self.sub(r["configuration"])
        iam = self.client(self.acct(r), "iam")
        iam.create_role(RoleName=c["RoleName"], Path=c.get("Path", "/"),
                        AssumeRolePolicyDocument=json.dumps(c["AssumeRolePolicyDocument"]))
        for p in c.get("RolePolicyList", []):
            iam.put_role_policy(RoleName=c["RoleName"], PolicyName=p["PolicyName"],
                                PolicyDocument=json.dumps(p["PolicyDocument"]))
        for p in c.get("AttachedManagedPolicies", []):
            iam.attach_role_policy(RoleName=c["RoleName"], PolicyArn=p["PolicyArn"])

    def make_kms_key(self, r):
        c = self.sub(r["configuration"])
        kms = self.client(self.acct(r), "kms", r["region"])
        args = {"Description": c.get("Description", "")}
        if "Policy" in c:
            args["Policy"] = json.dumps(c["Policy"])
        k = kms.create_key(**args)["KeyMetadata"]
        self.subst[r["configuration"]["Arn"]] = k["Arn"]
        self.subst[r["configuration"]["KeyId"]] = k["KeyId"]
        if c.get("KeyRotationEnabled"):
            kms.enable_key_rotation(KeyId=k["KeyId"])
        for a in c.get("Aliases", []):
            kms.create_alias(AliasName=a["AliasName"], TargetKeyId=k["KeyId"])

    def bucket_client(self, account, region):
        return self.client(account, "s3", region)

    def make_s3_bucket(self, r):
        c = self.sub(r["configuration"])
        region = c.get("Region") or r["region"]
        s3 = self.bucket_client(self.acct(r), region)
        args = {"Bucket": c["Name"]}
        if region != "us-east-1":
            args["CreateBucketConfiguration"] = {"LocationConstraint": region}
        if c.get("ObjectLock", {}).get("ObjectLockEnabled") == "Enabled":
            args["ObjectLockEnabledForBucket"] = True
        s3.create_bucket(**args)
        if "Versioning" in c and c["Versioning"].get("Status"):
            s3.put_bucket_versioning(Bucket=c["Name"], VersioningConfiguration={"Status": c["Versioning"]["Status"]})
        if "Policy" in c:
            s3.put_bucket_policy(Bucket=c["Name"], Policy=json.dumps(c["Policy"]))
        if "Encryption" in c:
            s3.put_bucket_encryption(Bucket=c["Name"], ServerSideEncryptionConfiguration=c["Encryption"])
        if "PublicAccessBlock" in c:
            s3.put_public_access_block(Bucket=c["Name"], PublicAccessBlockConfiguration=c["PublicAccessBlock"])
        if "OwnershipControls" in c:
            s3.put_bucket_ownership_controls(Bucket=c["Name"], OwnershipControls=c["OwnershipControls"])
        if "Lifecycle" in c:
            s3.put_bucket_lifecycle_configuration(Bucket=c["Name"], LifecycleConfiguration=c["Lifecycle"])
        if c.get("ObjectLock", {}).get("Rule"):
            s3.put_object_lock_configuration(Bucket=c["Name"], ObjectLockConfiguration=c["ObjectLock"])
        self.pending_bucket_parts = getattr(self, "pending_bucket_parts", [])
        # logging and replication name other buckets: after every bucket exists
        self.pending_bucket_parts.append((s3, c))
        if r is self.last_bucket():
            self.finish_buckets()

    def last_bucket(self):
        return [x for x in self.s["resources"] if x["type"] == "AWS::S3::Bucket"][-1]

    def finish_buckets(self):
        mgmt_or_archive = None
        for r in self.s["resources"]:
            if r["type"] == "AWS::CloudTrail::Trail":
                b = r["configuration"].get("S3BucketName")
                owner = [x for x in self.s["resources"] if x["type"] == "AWS::S3::Bucket"
                         and x["configuration"].get("Name") == b]
                if owner:
                    mgmt_or_archive = self.acct(owner[0])
                    break
        for b in self.extra_buckets:
            self.bucket_client(mgmt_or_archive or list(self.creds)[0], "us-east-1").create_bucket(Bucket=b)
        for s3, c in self.pending_bucket_parts:
            if "Logging" in c and c["Logging"].get("LoggingEnabled"):
                s3.put_bucket_logging(Bucket=c["Name"], BucketLoggingStatus=c["Logging"])
            if "Replication" in c:
                s3.put_bucket_replication(Bucket=c["Name"], ReplicationConfiguration=c["Replication"])

    def make_logs_loggroup(self, r):
        c = self.sub(r["configuration"])
        logs = self.client(self.acct(r), "logs", r["region"])
        logs.create_log_group(logGroupName=c["logGroupName"])
        if c.get("retentionInDays"):
            logs.put_retention_policy(logGroupName=c["logGroupName"], retentionInDays=c["retentionInDays"])
        for f in c.get("MetricFilters", []):
            logs.put_metric_filter(logGroupName=c["logGroupName"], filterName=f["filterName"],
                                   filterPattern=f["filterPattern"],
                                   metricTransformations=[{k: v for k, v in m.items() if k != "unit"}
                                                          for m in f["metricTransformations"]])

    def make_logs_resourcepolicy(self, r):
        c = self.sub(r["configuration"])
        self.client(self.acct(r), "logs", r["region"]).put_resource_policy(
            policyName=c["policyName"], policyDocument=json.dumps(c["policyDocument"]))

    def make_sns_topic(self, r):
        c = self.sub(r["configuration"])
        sns = self.client(self.acct(r), "sns", r["region"])
        arn = sns.create_topic(Name=c["TopicArn"].rsplit(":", 1)[1])["TopicArn"]
        if "Policy" in c:
            sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=json.dumps(c["Policy"]))
        if int(c.get("Attributes", {}).get("SubscriptionsConfirmed", "0") or 0) > 0:
            self.skip(r, "moto does not confirm subscriptions: SubscriptionsConfirmed stays 0")

    def make_cloudwatch_alarm(self, r):
        c = self.sub(r["configuration"])
        cw = self.client(self.acct(r), "cloudwatch", r["region"])
        keys = ["AlarmName", "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions", "MetricName",
                "Namespace", "Statistic", "Dimensions", "Period", "EvaluationPeriods", "DatapointsToAlarm",
                "Threshold", "ComparisonOperator", "TreatMissingData", "Unit"]
        cw.put_metric_alarm(**{k: c[k] for k in keys if k in c})

    def make_ec2_vpc(self, r):
        c = self.sub(r["configuration"])
        v = self.client(self.acct(r), "ec2", r["region"]).create_vpc(CidrBlock=c["CidrBlock"])["Vpc"]["VpcId"]
        self.subst[r["configuration"]["VpcId"]] = v

    def make_ec2_subnet(self, r):
        c = self.sub(r["configuration"])
        s = self.client(self.acct(r), "ec2", r["region"]).create_subnet(
            VpcId=c["VpcId"], CidrBlock=c["CidrBlock"], AvailabilityZone=c["AvailabilityZone"])["Subnet"]["SubnetId"]
        self.subst[r["configuration"]["SubnetId"]] = s

    def make_ec2_networkinterface(self, r):
        c = self.sub(r["configuration"])
        n = self.client(self.acct(r), "ec2", r["region"]).create_network_interface(
            SubnetId=c["SubnetId"], Description=c.get("Description", ""),
            PrivateIpAddress=c["PrivateIpAddress"])["NetworkInterface"]["NetworkInterfaceId"]
        self.subst[r["configuration"]["NetworkInterfaceId"]] = n

    def make_ec2_flowlog(self, r):
        c = self.sub(r["configuration"])
        rid = c["ResourceId"]
        kind = {"vpc": "VPC", "subnet": "Subnet", "eni": "NetworkInterface"}[rid.split("-", 1)[0]]
        args = {"ResourceIds": [rid], "ResourceType": kind, "TrafficType": c["TrafficType"],
                "MaxAggregationInterval": c.get("MaxAggregationInterval", 600)}
        if c.get("LogDestinationType") == "s3":
            args.update(LogDestinationType="s3", LogDestination=c["LogDestination"])
        else:
            args.update(LogDestinationType="cloud-watch-logs", LogGroupName=c["LogGroupName"],
                        DeliverLogsPermissionArn=c["DeliverLogsPermissionArn"])
        out = self.client(self.acct(r), "ec2", r["region"]).create_flow_logs(**args)
        if out.get("Unsuccessful"):
            raise RuntimeError(out["Unsuccessful"])

    def make_cloudtrail_trail(self, r):
        c = self.sub(r["configuration"])
        ct = self.client(self.acct(r), "cloudtrail", c.get("HomeRegion") or r["region"])
        args = {"Name": c["Name"], "S3BucketName": c["S3BucketName"],
                "IncludeGlobalServiceEvents": c.get("IncludeGlobalServiceEvents", True),
                "IsMultiRegionTrail": c.get("IsMultiRegionTrail", False),
                "EnableLogFileValidation": c.get("LogFileValidationEnabled", False),
                "IsOrganizationTrail": c.get("IsOrganizationTrail", False)}
        for k, arg in (("S3KeyPrefix", "S3KeyPrefix"), ("KmsKeyId", "KmsKeyId"), ("SnsTopicName", "SnsTopicName"),
                       ("CloudWatchLogsLogGroupArn", "CloudWatchLogsLogGroupArn"),
                       ("CloudWatchLogsRoleArn", "CloudWatchLogsRoleArn")):
            if c.get(k):
                args[arg] = c[k]
        ct.create_trail(**args)
        if c.get("AdvancedEventSelectors"):
            ct.put_event_selectors(TrailName=c["Name"], AdvancedEventSelectors=c["AdvancedEventSelectors"])
        elif c.get("EventSelectors"):
            ct.put_event_selectors(TrailName=c["Name"], EventSelectors=c["EventSelectors"])
        if c.get("Status", {}).get("IsLogging"):
            ct.start_logging(Name=c["Name"])
        if any(k.endswith("Error") for k in c.get("Status", {})):
            self.skip(r, "moto reports no delivery errors: the trail's Status "
                      + ", ".join(k for k in c["Status"] if k.endswith("Error")) + " is not held")

    def make_config_configurationrecorder(self, r):
        c = self.sub(r["configuration"])
        cfg = self.client(self.acct(r), "config", r["region"])
        rec = {"name": c["name"], "roleARN": c["roleARN"], "recordingGroup": c["recordingGroup"]}
        cfg.put_configuration_recorder(ConfigurationRecorder=rec)
        for d in c.get("DeliveryChannels", []):
            ch = {k: d[k] for k in ("name", "s3BucketName", "s3KeyPrefix", "snsTopicARN", "s3KmsKeyArn") if k in d}
            try:
                cfg.put_delivery_channel(DeliveryChannel=ch)
            except Exception as e:  # noqa: BLE001 - the channel's bucket may be outside the snapshot
                self.skip(r, f"moto refused the delivery channel {ch.get('name')}: {e}")
            if d.get("Status", {}).get("configHistoryDeliveryInfo", {}).get("lastStatus") == "Failure":
                self.skip(r, "moto reports no delivery channel status (DescribeDeliveryChannelStatus answers 500)")
        if c.get("Status", {}).get("recording"):
            try:
                cfg.start_configuration_recorder(ConfigurationRecorderName=c["name"])
            except Exception as e:  # noqa: BLE001
                self.skip(r, f"moto did not start the recorder: {e}")

    def make_route53_hostedzone(self, r):
        c = self.sub(r["configuration"])
        r53 = self.client(self.acct(r), "route53")
        args = {"Name": c["Name"], "CallerReference": r["id"]}
        if c.get("Config", {}).get("PrivateZone"):
            v = c["VPCs"][0]
            args.update(VPC={"VPCRegion": v["VPCRegion"], "VPCId": v["VPCId"]},
                        HostedZoneConfig={"PrivateZone": True, "Comment": ""})
        z = r53.create_hosted_zone(**args)["HostedZone"]["Id"].rsplit("/", 1)[1]
        self.subst[r["configuration"]["Id"].rsplit("/", 1)[1]] = z
        for q in c.get("QueryLoggingConfigs", []):
            arn = q["CloudWatchLogsLogGroupArn"]
            # moto matches the log group by its ARN as DescribeLogGroups gives it, with the ":*" suffix
            r53.create_query_logging_config(HostedZoneId=z, CloudWatchLogsLogGroupArn=arn if arn.endswith(":*")
                                            else arn + ":*")

    def make_s3_accountpublicaccessblock(self, r):
        self.skip(r, "S3 Control puts the account id in the host name, which moto on a loopback endpoint cannot serve")


def main():
    snapshot = json.load(open(sys.argv[1]))
    out = Builder(snapshot, sys.argv[2]).build()
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
