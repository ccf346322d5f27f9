package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a CloudWatch alarm receives the metric a metric filter's transformation publishes. A metric is identified
 * by its namespace, its name <em>and its dimensions</em> ("Because dimensions are part of the unique identifier for
 * a metric, whenever a unique dimension name/value pair is extracted from your logs, you are creating a new variation
 * of that metric": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-logs-metricfilter-dimension.html;
 * {@code dimensions} in https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html;
 * "Dimensions" in https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension).
 * So an alarm receives the filter's datapoints only when it watches the same namespace and name with exactly the
 * dimension names the transformation publishes ({@code dimensions}, a map of name to {@code $.field}): an alarm
 * without dimensions never sees a metric published with dimensions, and one with a dimension the filter does not
 * publish watches a metric that does not exist. The alarm is read as {@code DescribeAlarms} returns it: its own
 * {@code Namespace}/{@code MetricName}/{@code Dimensions}, or for a metric-math alarm each
 * {@code Metrics[].MetricStat.Metric}.
 *
 * <p>An alarm on a dimensioned metric watches one combination of dimension values, so it receives only the events
 * that carry those values; this class matches the names and leaves the values to the caller.
 */
final class MetricMatch {
    private MetricMatch() {
    }

    /** True when the alarm watches the metric the transformation publishes. */
    static boolean receives(JsonNode transformation, JsonNode alarm) {
        String ns = transformation.path("metricNamespace").asText(null);
        String name = transformation.path("metricName").asText(null);
        if (ns == null || name == null) {
            return false;
        }
        Set<String> published = new TreeSet<>();
        transformation.path("dimensions").fieldNames().forEachRemaining(published::add);
        for (JsonNode metric : watched(alarm)) {
            if (ns.equals(metric.path("Namespace").asText(null)) && name.equals(metric.path("MetricName").asText(null))
                    && published.equals(dimensionNames(metric.path("Dimensions")))) {
                return true;
            }
        }
        return false;
    }

    /** The metrics an alarm watches: itself, or each {@code MetricStat.Metric} of a metric-math alarm. */
    private static List<JsonNode> watched(JsonNode alarm) {
        List<JsonNode> out = new ArrayList<>();
        if (alarm.hasNonNull("MetricName")) {
            out.add(alarm);
        }
        for (JsonNode m : alarm.path("Metrics")) {
            JsonNode metric = m.path("MetricStat").path("Metric");
            if (metric.isObject()) {
                out.add(metric);
            }
        }
        return out;
    }

    private static Set<String> dimensionNames(JsonNode dimensions) {
        Set<String> names = new TreeSet<>();
        for (JsonNode d : dimensions) {
            names.add(d.path("Name").asText(""));
        }
        return names;
    }
}
