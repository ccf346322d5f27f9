#!/usr/bin/env python3
"""Writes the CloudFormation templates of deploy/ (JSON, so that no YAML tags are needed).

Run from the repository root after changing docs/trailguard-read-policy.json or the rule pack's resource types:
    python3 deploy/generate.py
DeployTemplatesTest (lambda module) checks the templates against the code.
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
READ = json.loads((ROOT / "docs/trailguard-read-policy.json").read_text())
READ_ACTIONS = sorted(READ["Statement"][0]["Action"])
CONFIG_ACTIONS = ["config:GetResourceConfigHistory", "config:PutEvaluations"]
HANDLER = "io.trailguard.lambda.ConfigRuleFunction::handleRequest"
TRIGGERS = ["ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification",
            "ScheduledNotification"]
# the resource types of the built-in pack's resource-scope rules (checked by DeployTemplatesTest)
SCOPE = ["AWS::CloudTrail::Trail", "AWS::Config::ConfigurationRecorder", "AWS::EC2::FlowLog",
         "AWS::EC2::NetworkInterface", "AWS::EC2::Subnet", "AWS::EC2::VPC", "AWS::KMS::Key",
         "AWS::Route53::HostedZone", "AWS::S3::Bucket"]
FREQ = ["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"]


def common_params():
    return {
        "CodeS3Bucket": {"Type": "String", "Description": "S3 bucket holding trailguard-config-rule.jar"},
        "CodeS3Key": {"Type": "String", "Default": "trailguard-config-rule.jar",
                      "Description": "S3 key of the jar (lambda/target/trailguard-config-rule.jar)"},
        "Runtime": {"Type": "String", "Default": "java21", "AllowedValues": ["java21", "java25"],
                    "Description": "Lambda managed Java runtime (java17 can no longer be chosen for new functions; the jar targets Java 17 bytecode and runs on 21 and 25)"},
        "MaximumExecutionFrequency": {"Type": "String", "Default": "TwentyFour_Hours", "AllowedValues": FREQ,
                                      "Description": "How often the whole account is evaluated"},
        "RuleParameters": {"Type": "String", "Default": "{}",
                           "Description": "ruleParameters JSON: \"rules\" (comma-separated ids), \"unknownAs\" "
                                          "(NON_COMPLIANT or NOT_APPLICABLE), rule parameters by name"},
    }


def function(role_ref, env):
    return {
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "Description": "trailguard custom AWS Config rule: why the audit trail is broken",
            "Handler": HANDLER,
            "Runtime": {"Ref": "Runtime"},
            "Architectures": ["arm64"],
            "MemorySize": 1024,
            "Timeout": 300,
            "Code": {"S3Bucket": {"Ref": "CodeS3Bucket"}, "S3Key": {"Ref": "CodeS3Key"}},
            "Role": {"Fn::GetAtt": [role_ref, "Arn"]},
            "Environment": {"Variables": env},
        },
    }


def lambda_trust():
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                     "Action": "sts:AssumeRole"}]}


def read_policy():
    return {"PolicyName": "trailguard-read-and-report", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Sid": "TrailguardCollectReadOnly", "Effect": "Allow", "Action": READ_ACTIONS, "Resource": "*"},
        {"Sid": "TrailguardReportToConfig", "Effect": "Allow", "Action": CONFIG_ACTIONS, "Resource": "*"}]}}


BASIC = {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}

account = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "trailguard as a custom AWS Config rule in one account and region (see docs/config-rule.md).",
    "Parameters": {**common_params(), "RuleName": {"Type": "String", "Default": "trailguard-audit-trail"}},
    "Resources": {
        "ExecutionRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": lambda_trust(), "ManagedPolicyArns": [BASIC], "Policies": [read_policy()]}},
        "Function": function("ExecutionRole", {"JAVA_TOOL_OPTIONS": "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"}),
        "ConfigPermission": {"Type": "AWS::Lambda::Permission", "Properties": {
            "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Function", "Arn"]},
            "Principal": "config.amazonaws.com", "SourceAccount": {"Ref": "AWS::AccountId"}}},
        "ConfigRule": {"Type": "AWS::Config::ConfigRule", "DependsOn": "ConfigPermission", "Properties": {
            "ConfigRuleName": {"Ref": "RuleName"},
            "Description": "trailguard: CloudTrail, log bucket, KMS key and flow log checks with explanations",
            "InputParameters": {"Ref": "RuleParameters"},
            "MaximumExecutionFrequency": {"Ref": "MaximumExecutionFrequency"},
            "Scope": {"ComplianceResourceTypes": SCOPE},
            "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": {"Fn::GetAtt": ["Function", "Arn"]},
                       "SourceDetails": [
                           {"EventSource": "aws.config", "MessageType": t} if t != "ScheduledNotification" else
                           {"EventSource": "aws.config", "MessageType": t,
                            "MaximumExecutionFrequency": {"Ref": "MaximumExecutionFrequency"}}
                           for t in TRIGGERS]}}},
    },
    "Outputs": {"FunctionArn": {"Value": {"Fn::GetAtt": ["Function", "Arn"]}},
                "ConfigRuleArn": {"Value": {"Fn::GetAtt": ["ConfigRule", "Arn"]}}},
}

member = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "trailguard member-account role: the organisation Config rule's function assumes it to read the "
                   "account and put its evaluations.",
    "Parameters": {
        "MemberRoleName": {"Type": "String", "Default": "TrailguardConfigRuleMember"},
        "FunctionRoleArn": {"Type": "String", "Description": "The execution role of the trailguard function"},
    },
    "Resources": {
        "MemberRole": {"Type": "AWS::IAM::Role", "Properties": {
            "RoleName": {"Ref": "MemberRoleName"},
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": {"Ref": "FunctionRoleArn"}}, "Action": "sts:AssumeRole"}]},
            "Policies": [read_policy()]}},
    },
}

org = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "trailguard as an AWS Config organisation rule: the function in this (management or delegated "
                   "administrator) account, a member role in every account through a service-managed StackSet, "
                   "and the OrganizationConfigRule (see docs/config-rule.md).",
    "Parameters": {
        **common_params(),
        "RuleName": {"Type": "String", "Default": "trailguard-audit-trail"},
        "MemberRoleName": {"Type": "String", "Default": "TrailguardConfigRuleMember"},
        "OrganizationalUnitIds": {"Type": "CommaDelimitedList",
                                  "Description": "OUs (or the root r-xxxx) whose accounts get the member role"},
        "ExcludedAccounts": {"Type": "CommaDelimitedList", "Default": "",
                             "Description": "Accounts the organisation rule skips"},
    },
    "Conditions": {"HasExcluded": {"Fn::Not": [{"Fn::Equals": [{"Fn::Join": ["", {"Ref": "ExcludedAccounts"}]}, ""]}]}},
    "Resources": {
        "ExecutionRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": lambda_trust(), "ManagedPolicyArns": [BASIC],
            "Policies": [read_policy(), {"PolicyName": "trailguard-enter-member-accounts", "PolicyDocument": {
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": {
                    "Fn::Sub": "arn:${AWS::Partition}:iam::*:role/${MemberRoleName}"}}]}}]}},
        "Function": function("ExecutionRole", {"TRAILGUARD_MEMBER_ROLE_NAME": {"Ref": "MemberRoleName"},
                                               "JAVA_TOOL_OPTIONS": "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"}),
        "ConfigPermission": {"Type": "AWS::Lambda::Permission", "Properties": {
            "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Function", "Arn"]},
            "Principal": "config.amazonaws.com"}},
        "MemberRoleStackSet": {"Type": "AWS::CloudFormation::StackSet", "Properties": {
            "StackSetName": {"Fn::Sub": "${RuleName}-member-role"},
            "PermissionModel": "SERVICE_MANAGED",
            "AutoDeployment": {"Enabled": True, "RetainStacksOnAccountRemoval": False},
            "Capabilities": ["CAPABILITY_NAMED_IAM"],
            "ManagedExecution": {"Active": True},
            "Parameters": [{"ParameterKey": "MemberRoleName", "ParameterValue": {"Ref": "MemberRoleName"}},
                           {"ParameterKey": "FunctionRoleArn",
                            "ParameterValue": {"Fn::GetAtt": ["ExecutionRole", "Arn"]}}],
            "StackInstancesGroup": [{"DeploymentTargets": {"OrganizationalUnitIds": {"Ref": "OrganizationalUnitIds"}},
                                     "Regions": [{"Ref": "AWS::Region"}]}],
            "TemplateBody": json.dumps(member, indent=1)}},
        "OrganizationConfigRule": {"Type": "AWS::Config::OrganizationConfigRule",
                                   "DependsOn": ["ConfigPermission", "MemberRoleStackSet"], "Properties": {
            "OrganizationConfigRuleName": {"Ref": "RuleName"},
            "ExcludedAccounts": {"Fn::If": ["HasExcluded", {"Ref": "ExcludedAccounts"}, {"Ref": "AWS::NoValue"}]},
            "OrganizationCustomRuleMetadata": {
                "Description": "trailguard: CloudTrail, log bucket, KMS key and flow log checks with explanations",
                "LambdaFunctionArn": {"Fn::GetAtt": ["Function", "Arn"]},
                "OrganizationConfigRuleTriggerTypes": TRIGGERS,
                "MaximumExecutionFrequency": {"Ref": "MaximumExecutionFrequency"},
                "ResourceTypesScope": SCOPE,
                "InputParameters": {"Ref": "RuleParameters"}}}},
    },
    "Outputs": {"FunctionArn": {"Value": {"Fn::GetAtt": ["Function", "Arn"]}}},
}

for name, t in (("config-rule-account.json", account), ("config-rule-organization.json", org),
                ("config-rule-member-role.json", member)):
    (ROOT / "deploy" / name).write_text(json.dumps(t, indent=2) + "\n")
    print("wrote deploy/" + name)
