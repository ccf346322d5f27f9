package io.trailguard.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzz target for {@code trailguard.yaml}: it loads, or fails with an input error whose every problem has a line
 * and column, within 10 s. Seeds: {@code src/test/resources/io/trailguard/cli/ConfigFileFuzzTestInputs/configFile/};
 * docs/fuzzing.md.
 */
class ConfigFileFuzzTest {
    /** Every command's options, built once: picocli reads them by reflection. */
    private static final picocli.CommandLine COMMANDS = Main.commandLine(Main.SUBCOMMANDS);
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true);
        return t;
    });

    @FuzzTest(maxDuration = "60s")
    void configFile(byte[] input) throws Exception {
        Path f = Files.createTempFile("fuzz-trailguard", ".yaml");
        try {
            Files.write(f, input);
            Future<?> run = POOL.submit(() -> {
                try {
                    ConfigFileDefaults.load(f, COMMANDS);
                } catch (InvalidInputException e) {
                    for (Problem p : e.problems()) {
                        if (p.line() < 1) {
                            throw new AssertionError("an input error without a position: " + p.format());
                        }
                    }
                }
            });
            try {
                run.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                throw new AssertionError("the input took more than 10 s");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new AssertionError("not an input error with a position: " + e.getCause(), e.getCause());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
