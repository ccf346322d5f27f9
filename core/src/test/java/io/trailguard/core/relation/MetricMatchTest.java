package io.trailguard.core.relation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An alarm receives a metric filter's datapoints only when namespace, name and dimension names agree ("dimensions
 * are part of the unique identifier for a metric":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-logs-metricfilter-dimension.html).
 * Transformations and alarms are in the shapes of DescribeMetricFilters
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html, {@code dimensions}
 * a map of dimension name to a {@code $.field} selector) and DescribeAlarms.
 */
class MetricMatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    private static final String PLAIN = "{'metricName':'RootAccountUsage','metricNamespace':'CISBenchmark','metricValue':'1'}";
    private static final String DIMENSIONED = "{'metricName':'EventCount','metricNamespace':'MyNamespace','metricValue':'1',"
            + "'dimensions':{'EventType':'$.eventType','Operation':'$.operation'}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same metric, no dimensions on either side|PLAIN|{'Namespace':'CISBenchmark','MetricName':'RootAccountUsage','Dimensions':[]}|true",
            "Dimensions absent reads as none|PLAIN|{'Namespace':'CISBenchmark','MetricName':'RootAccountUsage'}|true",
            "other namespace|PLAIN|{'Namespace':'Other','MetricName':'RootAccountUsage','Dimensions':[]}|false",
            "other name|PLAIN|{'Namespace':'CISBenchmark','MetricName':'Root','Dimensions':[]}|false",
            "the alarm adds a dimension the filter does not publish|PLAIN|{'Namespace':'CISBenchmark','MetricName':'RootAccountUsage','Dimensions':[{'Name':'Account','Value':'1'}]}|false",
            "the filter publishes dimensions, the alarm watches the metric without them|DIMENSIONED|{'Namespace':'MyNamespace','MetricName':'EventCount','Dimensions':[]}|false",
            "the alarm watches one of the two dimensions|DIMENSIONED|{'Namespace':'MyNamespace','MetricName':'EventCount','Dimensions':[{'Name':'EventType','Value':'Error'}]}|false",
            "the alarm watches both dimensions|DIMENSIONED|{'Namespace':'MyNamespace','MetricName':'EventCount','Dimensions':[{'Name':'Operation','Value':'x'},{'Name':'EventType','Value':'Error'}]}|true",
            "a metric-math alarm with the dimensions|DIMENSIONED|{'Metrics':[{'Id':'m1','MetricStat':{'Metric':{'Namespace':'MyNamespace','MetricName':'EventCount','Dimensions':[{'Name':'EventType','Value':'a'},{'Name':'Operation','Value':'b'}]}}}]}|true",
            "a metric-math alarm without them|DIMENSIONED|{'Metrics':[{'Id':'m1','MetricStat':{'Metric':{'Namespace':'MyNamespace','MetricName':'EventCount'}}}]}|false"})
    void receives(String name, String transformation, String alarm, boolean expected) throws Exception {
        JsonNode t = json(transformation.equals("PLAIN") ? PLAIN : DIMENSIONED);
        assertThat(MetricMatch.receives(t, json(alarm))).as(name).isEqualTo(expected);
    }
}
