package io.trailguard.aws.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.core.integrity.IntegrityAsff;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityReports;
import io.trailguard.core.integrity.IntegrityValidator;
import io.trailguard.core.integrity.PublicKeys;
import io.trailguard.core.integrity.ValidateOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Triggered validation: for each digest a notification announces, validates the digest, its link to the previous
 * digest and every log file it lists ({@link IntegrityValidator#validateDigest}); when anything fails, imports the
 * failures as ASFF findings into Security Hub ({@code BatchImportFindings}) and publishes the text report to an SNS
 * topic. {@code send = false} (local invoke) computes the same without sending.
 *
 * @since 0.2.0
 */
public final class DigestValidationHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LogClients clients;
    private final String region;
    private final String account;
    private final String topicArn;
    private final PublicKeys extraKeys;

    /**
     * @param region    the region of the function: its S3 client starts there, and Security Hub and SNS are called there
     * @param account   the function's account: the findings' product account
     * @param topicArn  the topic alerted on failure, or {@code null} for none
     * @param extraKeys public keys beside those ListPublicKeys returns (offline use, tests)
     */
    public DigestValidationHandler(LogClients clients, String region, String account, String topicArn, PublicKeys extraKeys) {
        this.clients = clients;
        this.region = region;
        this.account = account;
        this.topicArn = topicArn;
        this.extraKeys = extraKeys;
    }

    /** What a notification led to. */
    public record Outcome(List<IntegrityReport> reports, List<String> skipped, List<String> warnings,
            String findings, int findingCount, int imported, List<String> importFailures, String messageId) {
        public Outcome {
            reports = List.copyOf(reports);
            skipped = List.copyOf(skipped);
            warnings = List.copyOf(warnings);
            importFailures = List.copyOf(importFailures);
        }

        public boolean failing() {
            return reports.stream().anyMatch(IntegrityReport::failing);
        }
    }

    /** Handles one notification; sends findings and an alert when {@code send} and something failed. */
    public Outcome handle(JsonNode event, boolean send) throws IOException {
        List<IntegrityReport> reports = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        Instant now = Instant.now();
        try (var s3 = clients.s3(region)) {
            for (DigestNotifications.S3Object o : DigestNotifications.objects(event)) {
                if (!o.digest()) {
                    skipped.add("s3://" + o.bucket() + "/" + o.key() + ": not a digest file (log files are validated "
                            + "when their hour's digest arrives)");
                    continue;
                }
                IntegrityValidator v = new IntegrityValidator(new S3LogStore(s3, o.bucket()),
                        ValidateOptions.of("", extraKeys), regions -> CloudTrailPublicKeys.list(clients, regions,
                                now.minusSeconds(366L * 86400), now, warnings::add));
                IntegrityReport r = v.validateDigest(o.key(), now);
                reports.add(r);
                JSON.readTree(IntegrityAsff.findings(r, account, region, o.bucket())).get("Findings").forEach(all::add);
            }
        }
        String findings = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                JSON.createObjectNode().set("Findings", JSON.valueToTree(all)));
        int imported = 0;
        List<String> importFailures = new ArrayList<>();
        String messageId = null;
        if (send && !all.isEmpty()) {
            try (SecurityHubClient hub = clients.securityHub(region)) {
                for (int i = 0; i < all.size(); i += 100) { // BatchImportFindings takes at most 100 findings
                    List<AwsSecurityFinding> batch = all.subList(i, Math.min(all.size(), i + 100)).stream()
                            .map(DigestValidationHandler::finding).toList();
                    BatchImportFindingsResponse resp = hub.batchImportFindings(b -> b.findings(batch));
                    imported += resp.successCount();
                    resp.failedFindings().forEach(f -> importFailures.add(f.id() + ": " + f.errorCode() + ": " + f.errorMessage()));
                }
            } catch (SdkException e) {
                Failure f = Failure.of(e);
                importFailures.add("securityhub:BatchImportFindings in " + region + ": " + f.code() + ": " + f.message());
            }
            if (topicArn != null) {
                StringBuilder text = new StringBuilder();
                reports.stream().filter(IntegrityReport::failing).forEach(r -> text.append(IntegrityReports.text(r)).append('\n'));
                try (SnsClient sns = clients.sns(region)) {
                    String body = text.length() > 250_000 ? text.substring(0, 250_000) + "\n…" : text.toString();
                    messageId = sns.publish(b -> b.topicArn(topicArn).subject("trailguard: CloudTrail log integrity failure")
                            .message(body)).messageId();
                } catch (SdkException e) {
                    Failure f = Failure.of(e);
                    importFailures.add("sns:Publish to " + topicArn + ": " + f.code() + ": " + f.message());
                }
            }
        }
        return new Outcome(reports, skipped, warnings, findings, all.size(), imported, importFailures, messageId);
    }

    /** The SDK model of one of {@link IntegrityAsff}'s findings (the fields it writes). */
    static AwsSecurityFinding finding(JsonNode f) {
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : f.path("Resources")) {
            resources.add(Resource.builder().type(r.path("Type").asText()).id(r.path("Id").asText())
                    .partition(r.path("Partition").asText(null)).region(r.path("Region").asText(null)).build());
        }
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        f.path("ProductFields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        List<String> types = new ArrayList<>();
        f.path("Types").forEach(t -> types.add(t.asText()));
        return AwsSecurityFinding.builder().schemaVersion(f.path("SchemaVersion").asText()).id(f.path("Id").asText())
                .productArn(f.path("ProductArn").asText()).generatorId(f.path("GeneratorId").asText())
                .awsAccountId(f.path("AwsAccountId").asText()).types(types).createdAt(f.path("CreatedAt").asText())
                .updatedAt(f.path("UpdatedAt").asText()).severity(Severity.builder().label(f.at("/Severity/Label").asText()).build())
                .title(f.path("Title").asText()).description(f.path("Description").asText()).resources(resources)
                .firstObservedAt(f.path("FirstObservedAt").asText(null)).lastObservedAt(f.path("LastObservedAt").asText(null))
                .productFields(fields).recordState(f.path("RecordState").asText(null)).build();
    }
}
