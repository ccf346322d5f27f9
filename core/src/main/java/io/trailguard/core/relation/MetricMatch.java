package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.logs.FilterPattern;
import io.trailguard.core.logs.FilterPatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>An alarm on a dimensioned metric watches one combination of dimension values: each value a filter publishes
 * comes from the log event's field that the transformation names ("The log event field that will contain the value
 * for this dimension", {@code Value} in the page above; "Publishing dimensions with metrics from values in JSON or
 * space-delimited log events":
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#logs-metric-filters-dimensions).
 * When the filter's pattern pins that field to literal values ({@code $.userIdentity.type = "Root"}), an alarm on
 * any other value watches a variation of the metric the filter never publishes. Where the pattern leaves the field
 * open, which events carry the alarm's value is not known, and the alarm counts as receiving.
 */
final class MetricMatch {
    private MetricMatch() {
    }

    /** True when the alarm watches the metric the transformation publishes (dimension names only). */
    static boolean receives(JsonNode transformation, JsonNode alarm) {
        return receives(null, transformation, alarm);
    }

    /**
     * True when the alarm watches the metric the transformation of this metric filter publishes: namespace, name and
     * dimension names agree, and each dimension value is one the filter's pattern lets the event field have.
     *
     * @param filter the metric filter ({@code filterPattern}), or {@code null} to match dimension names only
     */
    static boolean receives(JsonNode filter, JsonNode transformation, JsonNode alarm) {
        String ns = transformation.path("metricNamespace").asText(null);
        String name = transformation.path("metricName").asText(null);
        if (ns == null || name == null) {
            return false;
        }
        JsonNode dimensions = transformation.path("dimensions");
        Set<String> published = new TreeSet<>();
        dimensions.fieldNames().forEachRemaining(published::add);
        FilterPattern pattern = pattern(filter);
        for (JsonNode metric : watched(alarm)) {
            if (ns.equals(metric.path("Namespace").asText(null)) && name.equals(metric.path("MetricName").asText(null))
                    && published.equals(dimensionNames(metric.path("Dimensions")))
                    && valuesPublished(pattern, dimensions, metric.path("Dimensions"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every value the alarm watches is one the pattern lets its event field have. */
    private static boolean valuesPublished(FilterPattern pattern, JsonNode published, JsonNode watched) {
        if (pattern == null) {
            return true;
        }
        for (JsonNode d : watched) {
            String field = published.path(d.path("Name").asText("")).asText(null);
            Optional<Set<String>> only = pattern.requiredValues(field);
            if (only.isPresent() && !only.get().contains(d.path("Value").asText(""))) {
                return false;
            }
        }
        return true;
    }

    private static FilterPattern pattern(JsonNode filter) {
        JsonNode p = filter == null ? null : filter.get("filterPattern");
        if (p == null || !p.isTextual()) {
            return null;
        }
        try {
            return FilterPattern.parse(p.asText());
        } catch (FilterPatternException e) {
            return null; // a pattern this parser cannot read pins nothing
        }
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
