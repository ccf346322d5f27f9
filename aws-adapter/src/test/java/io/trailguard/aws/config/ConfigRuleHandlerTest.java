package io.trailguard.aws.config;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.trailguard.aws.collect.AwsStub.json;
import static io.trailguard.aws.collect.AwsStub.jsonBody;
import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static io.trailguard.aws.config.ConfigItemMapperTest.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.AwsStub;
import io.trailguard.core.RulePack;
import io.trailguard.rules.BuiltinRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Config rule events (Powertools, aws-lambda-go, the Config developer guide) and real configuration items
 * through the handler, against WireMock on 127.0.0.1 answering the collector's calls and Config's
 * {@code PutEvaluations} / {@code GetResourceConfigHistory} (JSON 1.1, X-Amz-Target StarlingDoveService.*).
 */
class ConfigRuleHandlerTest {
    static final String PUT = "StarlingDoveService.PutEvaluations";
    static AwsStub aws;
    static RulePack pack;
    ConfigRuleHandler handler;

    @BeforeAll
    static void start() {
        aws = new AwsStub();
        pack = BuiltinRules.pack();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.server.resetAll();
        aws.defaults();
        aws.server.stubFor(json(PUT).willReturn(jsonBody("{\"FailedEvaluations\":[]}")));
        handler = new ConfigRuleHandler(pack, aws.options());
    }

    static ObjectNode event(String file) {
        return (ObjectNode) item("events/" + file);
    }

    /** A change-triggered event around a configuration item, as Config sends it. */
    static ObjectNode changeEvent(JsonNode item, String ruleParameters, String token) {
        ObjectNode invoking = JSON.createObjectNode();
        invoking.set("configurationItem", item);
        invoking.put("notificationCreationTime", "2026-11-20T09:00:00.000Z");
        invoking.put("messageType", "ConfigurationItemChangeNotification");
        invoking.put("recordVersion", "1.3");
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "1.0");
        e.put("invokingEvent", invoking.toString());
        if (ruleParameters != null) {
            e.put("ruleParameters", ruleParameters);
        }
        e.put("resultToken", token);
        e.put("eventLeftScope", false);
        e.put("configRuleArn", "arn:aws:config:us-east-1:111122223333:config-rule/config-rule-tg0001");
        e.put("configRuleName", "trailguard");
        e.put("accountId", "111122223333");
        return e;
    }

    /** The PutEvaluations request bodies WireMock received, in order. */
    static List<JsonNode> puts() {
        List<JsonNode> out = new ArrayList<>();
        for (var r : aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PUT)))) {
            try {
                out.add(JSON.readTree(r.getBodyAsString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static int calls(String target) {
        return aws.server.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target",
                equalTo(target))).size();
    }

    @Test
    void powertoolsChangeEventForATypeNoRuleEvaluatesIsNotApplicableWithoutCollecting() {
        handler.handle(event("awsConfigRuleConfigurationChanged.json"));
        List<JsonNode> puts = puts();
        assertThat(puts).hasSize(1);
        JsonNode ev = puts.get(0).path("Evaluations").get(0);
        assertThat(ev.path("ComplianceResourceType").asText()).isEqualTo("AWS::EC2::Instance");
        assertThat(ev.path("ComplianceType").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(puts.get(0).path("ResultToken").asText())
                .isEqualTo(event("awsConfigRuleConfigurationChanged.json").path("resultToken").asText());
        assertThat(puts.get(0).has("TestMode")).isFalse();
        assertThat(aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))).size()).isEqualTo(1); // no collection
    }

    @Test
    void docExampleChangeEventIsAnswered() throws IOException {
        JsonNode docs = item("awsdocs/config-doc-examples.json").path("examples");
        ObjectNode ev = null;
        for (JsonNode x : docs) {
            if (x.path("section").asText().equals("Example Event for Evaluations Triggered by Configuration Changes")) {
                ev = (ObjectNode) x.path("json");
            }
        }
        assertThat(ev).isNotNull();
        EvaluationPlan plan = handler.handle(ev);
        assertThat(plan.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceId()).isEqualTo("i-00000000");
            assertThat(e.orderingTimestamp()).isEqualTo(Instant.parse("2016-02-17T01:36:34.043Z"));
        });
        assertThat(plan.warnings()).anyMatch(w -> w.contains("myParameterKey"));
        assertThat(puts()).hasSize(1);
    }

    @Test
    void trailItemNotRecordedFieldsFailClosedAsUnknown() {
        JsonNode trail = item("rdk/AWS_Cloudtrail_Trail.json");
        handler.handle(changeEvent(trail, null, "token-trail"));
        JsonNode put = puts().get(0);
        assertThat(put.path("ResultToken").asText()).isEqualTo("token-trail");
        JsonNode ev = put.path("Evaluations").get(0);
        assertThat(ev.path("ComplianceResourceType").asText()).isEqualTo("AWS::CloudTrail::Trail");
        assertThat(ev.path("ComplianceResourceId").asText()).isEqualTo("APJCCloudTrail");
        assertThat(ev.path("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(ev.path("Annotation").asText()).hasSizeLessThanOrEqualTo(Annotations.MAX_LENGTH)
                .startsWith("CT-04, CT-13 fail; UNKNOWN: ").contains("CT-05").contains(". CT-04: Trail APJCCloudTrail");
        assertThat(ev.path("OrderingTimestamp").asDouble())
                .isEqualTo(Instant.parse("2018-09-18T17:42:35.043Z").toEpochMilli() / 1000.0);
    }

    @Test
    void ruleSelectionAndUnknownAs() {
        JsonNode trail = item("rdk/AWS_Cloudtrail_Trail.json");
        EvaluationPlan onlyValidation = handler.handle(changeEvent(trail, "{\"rules\":\"CT-03\"}", "t"));
        assertThat(onlyValidation.evaluations().get(0).compliance()).isEqualTo(Compliance.COMPLIANT);
        EvaluationPlan unknown = handler.evaluate(changeEvent(trail, "{\"rules\":\"CT-05\"}", "t"));
        assertThat(unknown.evaluations().get(0).compliance()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(unknown.evaluations().get(0).annotation()).startsWith("UNKNOWN: CT-05: ")
                .contains("Status");
        EvaluationPlan lenient = handler.evaluate(changeEvent(trail,
                "{\"rules\":\"CT-05\",\"unknownAs\":\"NOT_APPLICABLE\"}", "t"));
        assertThat(lenient.evaluations().get(0).compliance()).isEqualTo(Compliance.NOT_APPLICABLE);
        assertThat(lenient.evaluations().get(0).annotation()).startsWith("UNKNOWN:");
        assertThatThrownBy(() -> handler.evaluate(changeEvent(trail, "{\"rules\":\"CT-99\"}", "t")))
                .hasMessageContaining("CT-99");
    }

    @Test
    void liveCollectionFillsWhatTheItemDoesNotRecord() {
        // skunk-trails exists in the stub account: its Status comes from GetTrailStatus, so CT-05 decides
        ObjectNode trail = (ObjectNode) item("rdk/AWS_Cloudtrail_Trail.json");
        trail.put("accountId", AwsStub.ACCOUNT);
        trail.put("awsRegion", "us-east-1");
        trail.put("resourceId", "skunk-trails");
        String arn = "arn:aws:cloudtrail:us-east-1:" + AwsStub.ACCOUNT + ":trail/skunk-trails";
        trail.put("arn", arn);
        ObjectNode c = (ObjectNode) trail.path("configuration");
        c.put("name", "skunk-trails");
        c.put("trailARN", arn);
        c.put("homeRegion", "us-east-1");
        c.put("hasCustomEventSelectors", false);
        EvaluationPlan plan = handler.handle(changeEvent(trail, "{\"rules\":\"CT-05\"}", "t"));
        EvaluationResult e = plan.evaluations().get(0);
        assertThat(e.annotation()).doesNotStartWith("UNKNOWN");
        assertThat(calls("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrailStatus")).isPositive();
    }

    @Test
    void deletedResourceIsNotApplicable() {
        ObjectNode bucket = (ObjectNode) item("rdk/AWS_S3_Bucket.json");
        bucket.put("configurationItemStatus", "ResourceDeleted");
        handler.handle(changeEvent(bucket, "{}", "t"));
        JsonNode ev = puts().get(0).path("Evaluations").get(0);
        assertThat(ev.path("ComplianceResourceId").asText()).isEqualTo("mborch-test-bucket-config-item");
        assertThat(ev.path("ComplianceType").asText()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void testModeToken() {
        handler.handle(changeEvent(item("rdk/AWS_EC2_VPC.json"), null, ConfigRuleHandler.TEST_MODE_TOKEN));
        JsonNode put = puts().get(0);
        assertThat(put.path("TestMode").asBoolean()).isTrue();
        assertThat(put.path("ResultToken").asText()).isEqualTo(ConfigRuleHandler.TEST_MODE_TOKEN);
    }

    @Test
    void oversizedItemIsReadFromConfigHistoryFirst() {
        JsonNode bucket = item("rdk/AWS_S3_Bucket.json");
        // GetResourceConfigHistory answers configuration as a JSON string and supplementary values as strings
        ObjectNode ci = JSON.createObjectNode();
        ci.put("version", "1.3");
        ci.put("accountId", bucket.path("awsAccountId").asText());
        ci.put("configurationItemCaptureTime", 1549956556.288);
        ci.put("configurationItemStatus", "OK");
        ci.put("arn", bucket.path("ARN").asText());
        ci.put("resourceType", "AWS::S3::Bucket");
        ci.put("resourceId", bucket.path("resourceId").asText());
        ci.put("awsRegion", "us-east-1");
        ci.put("configuration", bucket.path("configuration").toString());
        ObjectNode supp = ci.putObject("supplementaryConfiguration");
        bucket.path("supplementaryConfiguration").fields().forEachRemaining(e -> supp.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        ObjectNode resp = JSON.createObjectNode();
        resp.putArray("configurationItems").add(ci);
        aws.server.stubFor(json("StarlingDoveService.GetResourceConfigHistory").willReturn(jsonBody(resp.toString())));
        ObjectNode ev = event("awsConfigRuleOversizedConfiguration.json");
        ObjectNode invoking = (ObjectNode) ConfigJson.parsed(ev.path("invokingEvent"));
        ObjectNode summary = (ObjectNode) invoking.path("configurationItemSummary");
        summary.put("resourceType", "AWS::S3::Bucket");
        summary.put("resourceId", bucket.path("resourceId").asText());
        summary.put("awsRegion", "us-east-1");
        ev.put("invokingEvent", invoking.toString());
        ev.put("ruleParameters", "{\"rules\":\"S3-01\"}");
        EvaluationPlan plan = handler.handle(ev);
        assertThat(calls("StarlingDoveService.GetResourceConfigHistory")).isEqualTo(1);
        assertThat(plan.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceType()).isEqualTo("AWS::S3::Bucket");
            assertThat(e.resourceId()).isEqualTo("mborch-test-bucket-config-item");
            assertThat(e.orderingTimestamp()).isEqualTo(Instant.parse("2019-02-12T07:29:16.288Z"));
        });
        assertThat(puts().get(0).path("ResultToken").asText()).isEqualTo("myResultToken");
    }

    @Test
    void oversizedItemConfigHasNotDiscoveredFailsClosedWithAnAnnotation() {
        aws.server.stubFor(json("StarlingDoveService.GetResourceConfigHistory").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ResourceNotDiscoveredException\",\"message\":\"Resource not discovered\"}")));
        ObjectNode ev = event("awsConfigRuleOversizedConfiguration.json");
        ObjectNode invoking = (ObjectNode) ConfigJson.parsed(ev.path("invokingEvent"));
        ObjectNode summary = (ObjectNode) invoking.path("configurationItemSummary");
        summary.put("resourceType", "AWS::S3::Bucket");
        summary.put("resourceId", "new-bucket");
        summary.put("awsRegion", "us-east-1");
        ev.put("invokingEvent", invoking.toString());
        EvaluationPlan plan = handler.handle(ev);
        assertThat(plan.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceId()).isEqualTo("new-bucket");
            assertThat(e.compliance()).isEqualTo(Compliance.NON_COMPLIANT);
            assertThat(e.annotation()).contains("could not read").contains("ResourceNotDiscoveredException");
        });
    }

    @Test
    void aRuleListThatNamesNoRuleIsRejected() {
        ObjectNode ev = event("awsConfigRuleScheduled.json");
        ev.put("ruleParameters", "{\"rules\": \" , \"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.evaluate(ev))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/ruleParameters/rules")
                .hasMessageContaining("names no rule");
    }

    @Test
    void scheduledEvaluatesTheAccountAndEveryResource() {
        EvaluationPlan plan = handler.handle(event("awsConfigRuleScheduled.json"));
        assertThat(plan.evaluations()).anySatisfy(e -> {
            assertThat(e.resourceType()).isEqualTo("AWS::::Account");
            assertThat(e.resourceId()).isEqualTo(AwsStub.ACCOUNT);
        });
        assertThat(plan.evaluations()).anySatisfy(e -> assertThat(e.resourceType()).isEqualTo("AWS::S3::Bucket"));
        assertThat(plan.evaluations()).allSatisfy(e -> {
            assertThat(e.orderingTimestamp()).isEqualTo(Instant.parse("2023-04-27T13:26:17.741Z"));
            if (e.annotation() != null) {
                assertThat(e.annotation()).hasSizeLessThanOrEqualTo(Annotations.MAX_LENGTH);
            }
        });
        // one evaluation per resource
        assertThat(plan.evaluations().stream().map(e -> e.resourceType() + "|" + e.resourceId()).distinct().count())
                .isEqualTo(plan.evaluations().size());
        List<JsonNode> puts = puts();
        int total = 0;
        for (JsonNode p : puts) {
            assertThat(p.path("Evaluations").size()).isBetween(1, PutEvaluationsBatches.MAX_PER_CALL);
            total += p.path("Evaluations").size();
        }
        assertThat(total).isEqualTo(plan.evaluations().size());
        assertThat(plan.warnings()).anyMatch(w -> w.contains("'test'"));
    }

    @Test
    void legacyPeriodicEventFromAwsLambdaGoIsScheduled() {
        EvaluationPlan plan = handler.handle(event("config-event.json"));
        assertThat(plan.messageType()).isEqualTo("ConfigurationSnapshotDeliveryCompleted");
        assertThat(plan.evaluations()).anySatisfy(e -> assertThat(e.resourceType()).isEqualTo("AWS::::Account"));
        assertThat(puts()).isNotEmpty().allSatisfy(p -> assertThat(p.path("ResultToken").asText())
                .isEqualTo("myResultToken"));
    }

    @Test
    void organisationRuleAssumesTheMemberRoleOfTheEventsAccount() {
        ConfigRuleHandler org = new ConfigRuleHandler(pack, aws.options(), "TrailguardConfigRuleMember");
        EvaluationPlan plan = org.handle(changeEvent(item("rdk/AWS_Cloudtrail_Trail.json"), null, "t"),
                "999999999999");
        assertThat(plan.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/TrailguardConfigRuleMember");
        var assumed = aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("Action=AssumeRole&")));
        assertThat(assumed).isNotEmpty().allSatisfy(r -> assertThat(r.getBodyAsString())
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FTrailguardConfigRuleMember"));
        assertThat(puts()).hasSize(1);
        // the function's own account: no role
        assertThat(org.evaluate(changeEvent(item("rdk/AWS_EC2_VPC.json"), null, "t"), "111122223333").roleArn())
                .isNull();
    }

    @Test
    void manyEvaluationsGoInBatchesOfAHundred() {
        List<EvaluationResult> evs = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            evs.add(new EvaluationResult("AWS::S3::Bucket", "bucket-" + i, Compliance.NON_COMPLIANT,
                    Annotations.cut("x".repeat(400)), Instant.parse("2026-11-20T09:00:00Z")));
        }
        EvaluationPlan plan = new EvaluationPlan("ScheduledNotification", "tok", false, "us-east-1",
                null, evs, List.of());
        handler.put(plan);
        List<JsonNode> puts = puts();
        assertThat(puts).extracting(p -> p.path("Evaluations").size()).containsExactly(100, 100, 50);
        assertThat(puts).allSatisfy(p -> {
            assertThat(p.path("ResultToken").asText()).isEqualTo("tok");
            ArrayNode a = (ArrayNode) p.path("Evaluations");
            a.forEach(e -> assertThat(e.path("Annotation").asText()).hasSize(256).endsWith("…"));
        });
        assertThat(plan.requests()).hasSize(3);
    }
}
