package io.trailguard.aws.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.MotoServer;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityValidator;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.integrity.PlantedLayout;
import io.trailguard.core.integrity.ValidateOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The planted layout uploaded to moto_server as CloudTrail delivers it (digest signatures in the objects' user
 * metadata): validation through S3 reports exactly what was planted, and a copy made by {@link LogFetcher} validates
 * locally to the same result.
 */
class S3LogStoreMotoTest {
    static MotoServer moto;
    static LogClients clients;
    static S3Client s3;

    @BeforeAll
    static void upload() throws Exception {
        PlantedLayout.generate();
        moto = MotoServer.start();
        clients = new LogClients(CollectOptions.defaults().withEndpointOverride(moto.endpoint())
                .withRetries(2, Duration.ofMillis(10))
                .withCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
        s3 = clients.s3("us-east-1");
        MotoLogBucket.upload(s3, PlantedLayout.BUCKET, PlantedLayout.dir.resolve("bucket"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
            clients.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void validationThroughS3ReportsEveryPlantedTamperingAndNothingElse() throws Exception {
        IntegrityReport r = new IntegrityValidator(new S3LogStore(s3, PlantedLayout.BUCKET),
                ValidateOptions.of("", PlantedLayout.keys())).validate(Instant.EPOCH);
        assertEquals(PlantedLayout.planted, PlantedLayout.found(r));
        assertEquals("s3://" + PlantedLayout.BUCKET + "/", r.location());
    }

    @Test
    void parallelListingFindsWhatTheSequentialOneDoesAndValidatesTheSame() throws Exception {
        // another service's logs beside CloudTrail's in the shared bucket: never listed in parallel mode, never used
        String other = "AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/03/01/flow.log.gz";
        s3.putObject(b -> b.bucket(PlantedLayout.BUCKET).key(other), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        java.util.Set<String> sequential = new java.util.TreeSet<>();
        new S3LogStore(s3, PlantedLayout.BUCKET).list("", sequential::add);
        java.util.Set<String> parallel = new java.util.TreeSet<>();
        new S3LogStore(s3, PlantedLayout.BUCKET, 8).list("", parallel::add);
        assertTrue(sequential.remove(other));
        assertEquals(sequential, parallel);
        java.util.Set<String> under = new java.util.TreeSet<>();
        new S3LogStore(s3, PlantedLayout.BUCKET, 8).list("corp/audit/", under::add);
        assertEquals(sequential.stream().filter(k -> k.startsWith("corp/audit/")).collect(java.util.stream.Collectors
                .toCollection(java.util.TreeSet::new)), under);
        IntegrityReport r = new IntegrityValidator(new S3LogStore(s3, PlantedLayout.BUCKET, 8),
                ValidateOptions.of("", PlantedLayout.keys())).validate(Instant.EPOCH);
        assertEquals(PlantedLayout.planted, PlantedLayout.found(r));
        s3.deleteObject(b -> b.bucket(PlantedLayout.BUCKET).key(other));
    }

    @Test
    void aFetchedCopyKeepsTheSignaturesAndValidatesTheSame(@TempDir Path dir) throws Exception {
        LogFetcher.Result f = LogFetcher.fetch(s3, PlantedLayout.BUCKET, "", dir, 4, k -> true);
        assertEquals(List.of(), f.failures());
        assertTrue(f.objects() > 30, "objects: " + f.objects());
        IntegrityReport r = new IntegrityValidator(new LocalLogStore(dir, null),
                ValidateOptions.of("", PlantedLayout.keys())).validate(Instant.EPOCH);
        assertEquals(PlantedLayout.planted, PlantedLayout.found(r));
    }

    @Test
    void aBucketThatCannotBeListedIsAnErrorNamingTheCall() {
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new S3LogStore(s3, "no-such-bucket-here").list("", k -> { }));
        assertTrue(e.getMessage().contains("ListObjectsV2 s3://no-such-bucket-here/") && e.getMessage().contains("NoSuchBucket"),
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new S3LogStore(s3, "no-such-bucket-here", 4).list("", k -> { }));
        assertTrue(e.getMessage().contains("ListObjectsV2 s3://no-such-bucket-here/") && e.getMessage().contains("NoSuchBucket"),
                e.getMessage());
    }
}
