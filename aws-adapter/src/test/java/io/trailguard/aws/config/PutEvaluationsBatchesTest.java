package io.trailguard.aws.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutEvaluationsBatchesTest {
    static List<EvaluationResult> evaluations(int n) {
        List<EvaluationResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new EvaluationResult("AWS::S3::Bucket", "bucket-" + i, Compliance.COMPLIANT,
                    i == 0 ? null : "S3-01: ok", Instant.parse("2026-11-20T09:00:00.123Z")));
        }
        return out;
    }

    @Test
    void batchesHoldAtMostAHundredInOrder() {
        assertThat(PutEvaluationsBatches.batches(evaluations(0))).isEmpty();
        assertThat(PutEvaluationsBatches.batches(evaluations(100))).extracting(List::size).containsExactly(100);
        assertThat(PutEvaluationsBatches.batches(evaluations(101))).extracting(List::size).containsExactly(100, 1);
        List<List<EvaluationResult>> b = PutEvaluationsBatches.batches(evaluations(250));
        assertThat(b).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(b.get(2).get(0).resourceId()).isEqualTo("bucket-200");
    }

    @Test
    void requestBodiesAreTheJson11ShapeOfPutEvaluations() {
        List<ObjectNode> bodies = new EvaluationPlan("ScheduledNotification", "tok", false, "us-east-1", null,
                evaluations(2), List.of()).requests();
        assertThat(bodies).hasSize(1);
        ObjectNode r = bodies.get(0);
        assertThat(r.path("ResultToken").asText()).isEqualTo("tok");
        assertThat(r.has("TestMode")).isFalse();
        assertThat(r.path("Evaluations").get(0).has("Annotation")).isFalse();
        assertThat(r.path("Evaluations").get(1).toString()).isEqualTo("{\"ComplianceResourceType\":\"AWS::S3::Bucket\","
                + "\"ComplianceResourceId\":\"bucket-1\",\"ComplianceType\":\"COMPLIANT\",\"Annotation\":\"S3-01: ok\","
                + "\"OrderingTimestamp\":1795165200.123}");
        ObjectNode test = new EvaluationPlan("ScheduledNotification", "TESTMODE", true, "us-east-1", null,
                evaluations(1), List.of()).requests().get(0);
        assertThat(test.path("TestMode").asBoolean()).isTrue();
        assertThat(new EvaluationPlan("ScheduledNotification", "t", false, "us-east-1", null, List.of(), List.of())
                .requests()).isEmpty();
    }
}
