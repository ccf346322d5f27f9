/**
 * trailguard on AWS: live collection of snapshots (one account or an organisation), AWS Config items and the custom
 * Config rule, and CloudTrail log files in S3. The per-service collectors and the collection machinery are
 * implementation and not exported.
 *
 * @since 0.1.0
 */
module io.trailguard.aws {
    requires transitive io.trailguard.core;
    // the API takes and returns Jackson trees, SDK clients and credentials providers
    requires transitive com.fasterxml.jackson.databind;

    requires transitive software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.endpoints;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;
    requires transitive software.amazon.awssdk.services.cloudtrail;
    requires software.amazon.awssdk.services.cloudwatch;
    requires software.amazon.awssdk.services.cloudwatchlogs;
    requires transitive software.amazon.awssdk.services.config;
    requires software.amazon.awssdk.services.ec2;
    requires software.amazon.awssdk.services.iam;
    requires software.amazon.awssdk.services.kms;
    requires software.amazon.awssdk.services.organizations;
    requires software.amazon.awssdk.services.route53;
    requires software.amazon.awssdk.services.route53resolver;
    requires transitive software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.services.s3control;
    requires transitive software.amazon.awssdk.services.securityhub;
    requires transitive software.amazon.awssdk.services.sns;
    requires software.amazon.awssdk.services.sts;

    exports io.trailguard.aws.collect;
    exports io.trailguard.aws.config;
    exports io.trailguard.aws.logs;
}
