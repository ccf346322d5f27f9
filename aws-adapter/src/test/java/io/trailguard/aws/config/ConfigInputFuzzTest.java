package io.trailguard.aws.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.CollectionException;
import io.trailguard.rules.BuiltinRules;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Fuzz targets for the AWS Config readers: the Config rule event (as the handler reads it) and Config snapshot /
 * history files. The invariant: an input error names a JSON pointer or file:line:col, within 10 s; an event valid
 * enough to need AWS may fail to reach it (the endpoint is a closed loopback port); anything else fails. Seeds:
 * {@code src/test/resources/io/trailguard/aws/config/ConfigInputFuzzTestInputs/TARGET/}; docs/fuzzing.md.
 */
class ConfigInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POSITION = Pattern.compile("^/|:\\d+:\\d+: | at /");
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true);
        return t;
    });
    private static final ConfigRuleHandler HANDLER = new ConfigRuleHandler(BuiltinRules.pack(),
            CollectOptions.defaults().withEndpointOverride(URI.create("http://127.0.0.1:9")).withRegions(List.of("us-east-1"))
                    .withRetries(1, Duration.ofMillis(1)).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .withCredentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("fuzz", "fuzz"))));

    @FuzzTest(maxDuration = "60s")
    void configEvent(byte[] input) throws Exception {
        bounded(() -> {
            JsonNode event;
            try {
                event = JSON.readTree(input);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null; // the CLI reports these with file:line:col (InputCorpusTest); not the handler's input
            }
            if (event == null || !event.isObject()) {
                return null;
            }
            try {
                HANDLER.evaluate(event);
            } catch (IllegalArgumentException e) {
                require(POSITION.matcher(String.valueOf(e.getMessage())).find(), e);
            } catch (CollectionException | SdkException e) {
                // valid enough to need AWS, which the fuzz run does not give
            }
            return null;
        });
    }

    @FuzzTest(maxDuration = "60s")
    void configSnapshot(byte[] input) throws Exception {
        Path f = Files.createTempFile("fuzz-config", ".json");
        try {
            Files.write(f, input);
            bounded(() -> {
                try {
                    ConfigSnapshotReader.read(f);
                } catch (IllegalArgumentException e) {
                    require(POSITION.matcher(String.valueOf(e.getMessage())).find(), e);
                } catch (java.io.UncheckedIOException e) {
                    require(e.getCause() instanceof java.util.zip.ZipException
                            || e.getCause() instanceof java.io.EOFException, e);
                }
                return null;
            });
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static void require(boolean ok, Exception e) {
        if (!ok) {
            throw new AssertionError("not an input error with a position: " + e, e);
        }
    }

    private static void bounded(java.util.concurrent.Callable<Void> action) throws Exception {
        Future<Void> f = POOL.submit(action);
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("the input took more than 10 s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError("not an input error with a position: " + e.getCause(), e.getCause());
        }
    }
}
