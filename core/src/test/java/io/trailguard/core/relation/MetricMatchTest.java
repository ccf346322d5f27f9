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

    /**
     * Dimension values: each comes from the event field the transformation names ("The log event field that will
     * contain the value for this dimension", e.g. {@code $.eventType}:
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-logs-metricfilter-dimension.html,
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#logs-metric-filters-dimensions).
     * The filter is the CIS root-usage pattern of https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
     * (CloudWatch.1) with the identity type published as a dimension: only "Root" is ever published for it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "the value the pattern requires;{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" };Root;true",
            "a value the pattern excludes: the alarm never gets a datapoint;{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" };IAMUser;false",
            "either branch of an OR may publish its value;{ ($.userIdentity.type = Root) || ($.userIdentity.type = AssumedRole) };AssumedRole;true",
            "a value neither branch publishes;{ ($.userIdentity.type = Root) || ($.userIdentity.type = AssumedRole) };IAMUser;false",
            "a pattern that leaves the field open receives any value;{ $.eventName = ConsoleLogin };IAMUser;true",
            "a wildcard is not analysed: the field counts as open;{ $.userIdentity.type = \"Assumed*\" };IAMUser;true",
            "an OR with an open branch leaves the field open;{ ($.userIdentity.type = Root) || ($.eventName = ConsoleLogin) };IAMUser;true"})
    void receivesOnlyValuesThePatternPublishes(String name, String pattern, String value, boolean expected) throws Exception {
        JsonNode filter = JSON.createObjectNode().put("filterName", "RootUsage").put("filterPattern", pattern);
        JsonNode t = json("{'metricName':'RootAccountUsage','metricNamespace':'CISBenchmark','metricValue':'1',"
                + "'dimensions':{'IdentityType':'$.userIdentity.type'}}");
        JsonNode alarm = json("{'Namespace':'CISBenchmark','MetricName':'RootAccountUsage','Dimensions':"
                + "[{'Name':'IdentityType','Value':'" + value + "'}]}");
        assertThat(MetricMatch.receives(filter, t, alarm)).as(name).isEqualTo(expected);
        // the names alone match either way: the value is what decides
        assertThat(MetricMatch.receives(t, alarm)).as(name + " (names only)").isTrue();
    }
}
