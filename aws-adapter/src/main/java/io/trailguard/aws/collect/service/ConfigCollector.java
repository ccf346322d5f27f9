package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;
import software.amazon.awssdk.services.config.model.DeliveryChannel;
import software.amazon.awssdk.services.config.model.DeliveryChannelStatus;

/** AWS Config: recorders with their status and the region's delivery channels with theirs. */
public final class ConfigCollector {
    public static final String TYPE = "AWS::Config::ConfigurationRecorder";
    private static final String SVC = "config";

    private ConfigCollector() {
    }

    public static void collect(Account a, String region) {
        var c = a.config(region);
        Result<List<ConfigurationRecorder>> recs = a.call(region, SVC, "DescribeConfigurationRecorders",
                Target.type(TYPE), () -> c.describeConfigurationRecorders(b -> { }).configurationRecorders());
        if (!recs.ok() || recs.value().isEmpty()) {
            return;
        }
        Result<List<ConfigurationRecorderStatus>> st = a.run.call(a.id, region, SVC,
                "DescribeConfigurationRecorderStatus", Target.NONE, Set.of(),
                () -> c.describeConfigurationRecorderStatus(b -> { }).configurationRecordersStatus(), false);
        Result<List<DeliveryChannel>> ch = a.run.call(a.id, region, SVC, "DescribeDeliveryChannels", Target.NONE,
                Set.of(), () -> c.describeDeliveryChannels(b -> { }).deliveryChannels(), false);
        Result<List<DeliveryChannelStatus>> chs = ch.ok() && !ch.value().isEmpty()
                ? a.run.call(a.id, region, SVC, "DescribeDeliveryChannelStatus", Target.NONE, Set.of(),
                        () -> c.describeDeliveryChannelStatus(b -> { }).deliveryChannelsStatus(), false)
                : new Result<>(List.of(), false, null);
        for (ConfigurationRecorder r : recs.value()) {
            String id = r.arn() != null ? r.arn()
                    : "arn:" + a.partition() + ":config:" + region + ":" + a.id + ":configuration-recorder/" + r.name();
            ObjectNode cfg = SdkJson.toJson(r);
            if (st.ok()) {
                var status = st.value().stream().filter(s -> r.name().equals(s.name())).findFirst();
                status.ifPresent(s -> cfg.set("Status", SdkJson.toJson(s)));
                if (status.isEmpty()) {
                    // an answer without this recorder's status is not "not recording": its status is unknown
                    record(a, region, "DescribeConfigurationRecorderStatus", unusable("recorder " + r.name()), id,
                            "Status");
                }
            } else {
                record(a, region, "DescribeConfigurationRecorderStatus", st.failure(), id, "Status");
            }
            if (ch.ok()) {
                ArrayNode chans = cfg.putArray("DeliveryChannels");
                for (DeliveryChannel d : ch.value()) {
                    ObjectNode dn = SdkJson.toJson(d);
                    if (chs.ok()) {
                        var status = chs.value().stream().filter(s -> d.name().equals(s.name())).findFirst();
                        status.ifPresent(s -> dn.set("Status", SdkJson.toJson(s)));
                        if (status.isEmpty()) {
                            // CFG-03 must not read an empty answer as "delivering": the channel's status is unknown
                            record(a, region, "DescribeDeliveryChannelStatus", unusable("delivery channel "
                                    + d.name()), id, "DeliveryChannels");
                        }
                    }
                    chans.add(dn);
                }
                if (chs.failed()) {
                    record(a, region, "DescribeDeliveryChannelStatus", chs.failure(), id, "DeliveryChannels");
                }
            } else {
                record(a, region, "DescribeDeliveryChannels", ch.failure(), id, "DeliveryChannels");
            }
            a.run.resource(TYPE, id, a.id, region, cfg);
        }
    }

    /** A successful answer that lacks the entry it must have. */
    private static Failure unusable(String what) {
        return new Failure("IncompleteAnswer", "the answer has no status for " + what, 0);
    }

    private static void record(Account a, String region, String op, Failure f, String id, String field) {
        a.run.errorNode(a.id, region, SVC, op, f, TYPE, id, List.of(field));
    }
}
