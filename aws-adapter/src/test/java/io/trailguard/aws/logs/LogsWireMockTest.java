package io.trailguard.aws.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.aws.collect.AwsStub;
import io.trailguard.core.integrity.DigestLayoutGenerator;
import io.trailguard.core.integrity.IntegrityIssue;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityValidator;
import io.trailguard.core.integrity.IssueKind;
import io.trailguard.core.integrity.PlantedLayout;
import io.trailguard.core.integrity.PublicKeys;
import io.trailguard.core.integrity.ValidateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 and CloudTrail calls of {@code logs validate} against a WireMock stub: an object S3 refuses (after the
 * client's retries) makes its hour UNKNOWN with AWS's error, never valid; ListPublicKeys' keys verify the digests.
 */
class LogsWireMockTest {
    @Test
    void anObjectS3RefusesIsUnknownWithAwsErrorCode(@TempDir Path d) throws Exception {
        PlantedLayout.generate();
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, "stub-bucket");
        DigestLayoutGenerator.Hour h = g.chain(PlantedLayout.MAIN, PlantedLayout.T0).hour(1, PlantedLayout.k1, true);
        try (AwsStub stub = new AwsStub(); LogClients clients = new LogClients(stub.options("us-east-1"))) {
            String digest = h.digest();
            String list = "<ListBucketResult><Name>stub-bucket</Name><KeyCount>2</KeyCount><IsTruncated>false</IsTruncated>"
                    + "<Contents><Key>" + digest + "</Key></Contents><Contents><Key>" + h.logFiles().get(0)
                    + "</Key></Contents></ListBucketResult>";
            stub.server.stubFor(any(urlPathMatching("/stub-bucket/?")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/xml").withBody(list)));
            String sig = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    d.resolve(digest + ".metadata.json").toFile()).get("signature").asText();
            stub.server.stubFor(any(urlPathMatching("/stub-bucket/" + digest.replace(".", "\\."))).willReturn(aResponse()
                    .withStatus(200).withHeader("x-amz-meta-signature", sig)
                    .withHeader("x-amz-meta-signature-algorithm", "SHA256withRSA")
                    .withBody(Files.readAllBytes(d.resolve(digest)))));
            stub.server.stubFor(any(urlPathMatching("/stub-bucket/.*/CloudTrail/.*")).willReturn(aResponse()
                    .withStatus(403).withHeader("Content-Type", "application/xml")
                    .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));
            try (var s3 = clients.s3("us-east-1")) {
                IntegrityReport r = new IntegrityValidator(new S3LogStore(s3, "stub-bucket"),
                        ValidateOptions.of("", PlantedLayout.keys())).validate(Instant.EPOCH);
                assertEquals(1, r.issues().size(), r.issues().toString());
                IntegrityIssue i = r.issues().get(0);
                assertEquals(IssueKind.UNKNOWN, i.kind());
                assertEquals(h.logFiles().get(0), i.object());
                assertTrue(i.detail().contains("AccessDenied"), i.detail());
                assertEquals("UNKNOWN", r.trails().get(0).hours().get(0).status().name());
                // one GetObject per digest: the signature comes in its response headers, no HeadObject
                stub.server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        urlPathMatching("/stub-bucket/" + digest.replace(".", "\\."))));
                stub.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(
                        urlPathMatching("/stub-bucket/.+")));
            }
        }
    }

    @Test
    void aDigestS3RefusesIsUnknownForItsHour(@TempDir Path d) throws Exception {
        PlantedLayout.generate();
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, "stub-bucket");
        DigestLayoutGenerator.Hour h = g.chain(PlantedLayout.MAIN, PlantedLayout.T0).hour(1, PlantedLayout.k1, true);
        try (AwsStub stub = new AwsStub(); LogClients clients = new LogClients(stub.options("us-east-1"))) {
            String list = "<ListBucketResult><Name>stub-bucket</Name><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>"
                    + "<Contents><Key>" + h.digest() + "</Key></Contents></ListBucketResult>";
            stub.server.stubFor(any(urlPathMatching("/stub-bucket/?")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/xml").withBody(list)));
            stub.server.stubFor(any(urlPathMatching("/stub-bucket/.+")).willReturn(aResponse()
                    .withStatus(403).withHeader("Content-Type", "application/xml")
                    .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));
            try (var s3 = clients.s3("us-east-1")) {
                IntegrityReport r = new IntegrityValidator(new S3LogStore(s3, "stub-bucket", 4),
                        ValidateOptions.of("", PlantedLayout.keys())).validate(Instant.EPOCH);
                assertEquals(1, r.issues().size(), r.issues().toString());
                IntegrityIssue i = r.issues().get(0);
                assertEquals(IssueKind.UNKNOWN, i.kind());
                assertEquals(h.digest(), i.object());
                assertTrue(i.detail().contains("AccessDenied"), i.detail());
                assertEquals("UNKNOWN", r.trails().get(0).hours().get(0).status().name());
            }
        }
    }

    @Test
    void listPublicKeysGivesTheKeysOfEachRegionAndAFailingRegionIsAWarning() throws Exception {
        PlantedLayout.generate();
        String body = "{\"PublicKeyList\":[" + DigestLayoutGenerator.publicKeyEntry(PlantedLayout.k1, true,
                PlantedLayout.T0, PlantedLayout.T0.plusSeconds(86400)).toString() + "]}";
        try (AwsStub stub = new AwsStub(); LogClients clients = new LogClients(stub.options("us-east-1"))) {
            stub.server.stubFor(AwsStub.json("CloudTrail_20131101.ListPublicKeys")
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("/us-east-1/"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody(body)));
            stub.server.stubFor(AwsStub.json("CloudTrail_20131101.ListPublicKeys")
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("/eu-west-1/"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}")));
            List<String> warnings = new ArrayList<>();
            PublicKeys keys = CloudTrailPublicKeys.list(clients, Set.of("us-east-1", "eu-west-1"), PlantedLayout.T0,
                    PlantedLayout.T0.plusSeconds(3600), warnings::add);
            assertEquals(1, keys.size());
            assertTrue(keys.byFingerprint(DigestLayoutGenerator.fingerprint(PlantedLayout.k1, true)).isPresent());
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("eu-west-1") && warnings.get(0).contains("AccessDeniedException"),
                    warnings.get(0));
        }
    }
}
