package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./trailguard} launcher, on the packaged jars (run by failsafe after {@code package}), in a copy of the
 * layout it expects: it trains its class archive once and then uses it, prints nothing but the tool's own output
 * (a scan's report on stdout, nothing on stderr), ignores a foreign archive, and {@code TRAILGUARD_CDS=0} turns the
 * archive off. With a Java 25 or later JDK (TRAILGUARD_TEST_JAVA25, else /usr/lib/jvm), also its AOT cache.
 */
class LauncherIT {
    private static final String SUMMARY = "Summary: 58 failed (14 high, 31 medium, 13 low), 88 passed, 2 unknown";

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void layout() throws IOException {
        Path target = Files.createDirectories(home.resolve("cli/target"));
        for (String jar : List.of("trailguard.jar", "trailguard-aws-sdk.jar")) {
            Path built = Path.of("cli/target", jar).toAbsolutePath();
            assumeTrue(Files.exists(built), "package the CLI first");
            Files.createSymbolicLink(target.resolve(jar), built);
        }
        Files.copy(Path.of("trailguard"), home.resolve("trailguard"));
        Files.createDirectories(home.resolve("examples"));
        Files.copy(Path.of("examples/acme-org.json"), home.resolve("examples/acme-org.json"));
    }

    /** The links to the built jars go before JUnit deletes the directory, which warns about links leaving it. */
    @AfterEach
    void unlink() throws IOException {
        for (String jar : List.of("trailguard.jar", "trailguard-aws-sdk.jar")) {
            Files.deleteIfExists(home.resolve("cli/target").resolve(jar));
        }
    }

    @Test
    void trainsItsArchiveOnceThenScansWithItSilently() throws Exception {
        Run first = launch(Map.of(), "scan", "examples/acme-org.json");
        assertScanned(first);
        Path archive = archive();
        FileTime trained = Files.getLastModifiedTime(archive);
        Run second = launch(Map.of(), "scan", "examples/acme-org.json");
        assertScanned(second);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(trained);
    }

    @Test
    void aForeignArchiveIsIgnoredSilently() throws Exception {
        assertScanned(launch(Map.of(), "--version"));
        Files.writeString(archive(), "not an archive");
        Run r = launch(Map.of(), "scan", "examples/acme-org.json");
        assertScanned(r);
    }

    @Test
    void noArchiveWithCdsOff() throws Exception {
        assertScanned(launch(Map.of("TRAILGUARD_CDS", "0"), "scan", "examples/acme-org.json"));
        try (Stream<Path> s = Files.list(home.resolve("cli/target"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("trailguard.jar",
                    "trailguard-aws-sdk.jar");
        }
    }

    @Test
    void usesAnAotCacheOnJava25() throws Exception {
        Optional<Path> jdk = java25();
        assumeTrue(jdk.isPresent(), "no Java 25 or later JDK (set TRAILGUARD_TEST_JAVA25 to one)");
        Map<String, String> env = Map.of("JAVA_HOME", jdk.get().toString());
        Run first = launch(env, "scan", "examples/acme-org.json");
        assertScanned(first);
        Path aot = archive();
        assertThat(aot.getFileName().toString()).endsWith(".aot");
        Run second = launch(env, "scan", "examples/acme-org.json");
        assertScanned(second);
        assertThat(second.out()).isEqualTo(first.out());
        Files.writeString(aot, "not an archive");
        assertScanned(launch(env, "scan", "examples/acme-org.json"));
    }

    private static void assertScanned(Run r) {
        assertThat(r.err()).as("stderr").isEmpty();
        if (r.code() == 0) {
            assertThat(r.out()).startsWith("trailguard ");
        } else {
            assertThat(r.code()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains(SUMMARY);
        }
    }

    private Path archive() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("cli/target"))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("trailguard-java.*\\.(jsa|aot)")).toList();
            assertThat(found).as("the archive the launcher trained").hasSize(1);
            return found.get(0);
        }
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("sh", "./trailguard"), Stream.of(args)).toList())
                .directory(home.toFile())
                .redirectOutput(home.resolve("out.txt").toFile())
                .redirectError(home.resolve("err.txt").toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("TRAILGUARD_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** A JDK of version 25 or later: TRAILGUARD_TEST_JAVA25, else the newest in /usr/lib/jvm. */
    private static Optional<Path> java25() throws IOException {
        String env = System.getenv("TRAILGUARD_TEST_JAVA25");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(d -> major(d) >= 25 && Files.isExecutable(d.resolve("bin/java"))).findFirst();
        }
    }

    private static int major(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(v.substring(0, v.indexOf('.') > 0 ? v.indexOf('.') : v.indexOf('"')));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
