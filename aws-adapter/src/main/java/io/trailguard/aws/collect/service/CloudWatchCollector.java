package io.trailguard.aws.collect.service;

import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** CloudWatch: metric alarms; the SNS topics their actions notify are noted for the last phase. */
public final class CloudWatchCollector {
    public static final String TYPE = "AWS::CloudWatch::Alarm";

    private CloudWatchCollector() {
    }

    public static void alarms(Account a, String region) {
        a.call(region, "cloudwatch", "DescribeAlarms", Target.type(TYPE),
                () -> a.cloudWatch(region).describeAlarmsPaginator(b -> { }).metricAlarms().stream().toList())
                .optional().ifPresent(l -> {
                    for (MetricAlarm m : l) {
                        a.run.resource(TYPE, m.alarmArn(), a.id, region, SdkJson.toJson(m));
                        for (List<String> actions : List.of(m.alarmActions(), m.okActions(),
                                m.insufficientDataActions())) {
                            actions.stream().filter(SnsCollector::isTopicArn).forEach(a.topicRefs::add);
                        }
                    }
                });
    }
}
