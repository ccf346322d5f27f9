package io.trailguard.core.logs.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API calls that act on the audit pipeline itself, by event source and name, with the request parameters that
 * name their target: turning off or reshaping trails (StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors), the
 * log bucket's policy and lifecycle and deleting log objects, the log key (ScheduleKeyDeletion, DisableKey,
 * PutKeyPolicy), flow logs, the Config recorder and delivery channel, and the metric filters and alarms that watch the
 * trail. One table, the only place these are listed. Parameter names: the request syntax of each API's reference
 * (e.g. https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html) as CloudTrail records them in
 * {@code requestParameters}.
 */
final class AuditActions {
    /** What an action acts on: a trail, a log bucket, log objects, a log key, flow logs, Config, a filter or alarm. */
    enum Target { TRAIL, LOG_BUCKET, LOG_OBJECTS, LOG_KEY, FLOW_LOGS, CONFIG, METRIC_FILTER, ALARM, LOG_GROUP }

    /** An action and the request parameter naming its target. */
    record Action(Target target, String parameter) {
    }

    private static final Map<String, Action> ACTIONS = Map.ofEntries(
            Map.entry("cloudtrail.amazonaws.com StopLogging", new Action(Target.TRAIL, "name")),
            Map.entry("cloudtrail.amazonaws.com DeleteTrail", new Action(Target.TRAIL, "name")),
            Map.entry("cloudtrail.amazonaws.com UpdateTrail", new Action(Target.TRAIL, "name")),
            Map.entry("cloudtrail.amazonaws.com PutEventSelectors", new Action(Target.TRAIL, "trailName")),
            Map.entry("s3.amazonaws.com PutBucketPolicy", new Action(Target.LOG_BUCKET, "bucketName")),
            Map.entry("s3.amazonaws.com DeleteBucketPolicy", new Action(Target.LOG_BUCKET, "bucketName")),
            Map.entry("s3.amazonaws.com PutBucketLifecycle", new Action(Target.LOG_BUCKET, "bucketName")),
            Map.entry("s3.amazonaws.com DeleteBucketLifecycle", new Action(Target.LOG_BUCKET, "bucketName")),
            Map.entry("s3.amazonaws.com DeleteObject", new Action(Target.LOG_OBJECTS, "bucketName")),
            Map.entry("s3.amazonaws.com DeleteObjects", new Action(Target.LOG_OBJECTS, "bucketName")),
            Map.entry("kms.amazonaws.com ScheduleKeyDeletion", new Action(Target.LOG_KEY, "keyId")),
            Map.entry("kms.amazonaws.com DisableKey", new Action(Target.LOG_KEY, "keyId")),
            Map.entry("kms.amazonaws.com PutKeyPolicy", new Action(Target.LOG_KEY, "keyId")),
            Map.entry("ec2.amazonaws.com DeleteFlowLogs", new Action(Target.FLOW_LOGS, "DeleteFlowLogsRequest")),
            Map.entry("config.amazonaws.com StopConfigurationRecorder", new Action(Target.CONFIG, "configurationRecorderName")),
            Map.entry("config.amazonaws.com DeleteConfigurationRecorder", new Action(Target.CONFIG, "configurationRecorderName")),
            Map.entry("config.amazonaws.com DeleteDeliveryChannel", new Action(Target.CONFIG, "deliveryChannelName")),
            Map.entry("logs.amazonaws.com DeleteMetricFilter", new Action(Target.METRIC_FILTER, "logGroupName")),
            Map.entry("logs.amazonaws.com DeleteLogGroup", new Action(Target.LOG_GROUP, "logGroupName")),
            Map.entry("monitoring.amazonaws.com DeleteAlarms", new Action(Target.ALARM, "alarmNames")));

    private AuditActions() {
    }

    static Optional<Action> of(CloudTrailEvent e) {
        return Optional.ofNullable(ACTIONS.get(e.eventSource() + " " + e.eventName()));
    }

    /** Every action, as {@code eventSource eventName} (for the Athena query). */
    static List<String> all() {
        return ACTIONS.keySet().stream().sorted().toList();
    }

    static Action get(String sourceAndName) {
        return ACTIONS.get(sourceAndName);
    }
}
