package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison: {@code -Dgolden.update=true} rewrites the files; otherwise a mismatch fails and prints the
 * whole new content, so a reviewer can read it (or paste it) without rerunning anything.
 */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/report/golden");

    private Golden() {
    }

    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + file + " is missing; run with -Dgolden.update=true to create it. Content:\n"
                        + actual);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail("report differs from golden file " + file + " (rerun with -Dgolden.update=true to accept)."
                        + "\n===== new content =====\n" + actual + "\n===== end of new content =====");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
