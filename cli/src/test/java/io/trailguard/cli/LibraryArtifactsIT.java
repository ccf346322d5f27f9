package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The modules as a library user gets them: {@code ./mvnw install} of {@code core} and {@code rules} (into a private
 * local repository under {@code cli/target}, resolving everything else read-only from the build's own), then a
 * project whose only dependency is the README's {@code <dependency>} snippet resolves its class path from that
 * repository, and the README's Java snippet compiles and runs against it: the artifacts declare what they need,
 * with no CLI or AWS SDK jar on the class path, and again with the same jars on the module path. Run by failsafe
 * after {@code package}.
 */
class LibraryArtifactsIT {
    private static final Path README = Path.of("README.md");
    private static final Path WORK = Path.of("cli/target/library-check").toAbsolutePath();

    @Test
    void theReadmeSnippetsCompileAndRunAgainstTheInstalledArtifacts() throws Exception {
        String userRepo = System.getProperty("trailguard.m2");
        assumeTrue(userRepo != null && Files.isDirectory(Path.of(userRepo)),
                "no -Dtrailguard.m2 (the build's local repository): run through failsafe");
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String snippet = block(readme, "## As a library\\s+```java\\n(.*?)```");
        String dependency = block(readme, "## As a library.*?```xml\\n(.*?)```");
        assertThat(dependency).contains("<artifactId>trailguard-rules</artifactId>").doesNotContain("cli");

        deleteRecursively(WORK);
        Path repo = Files.createDirectories(WORK.resolve("m2"));
        List<String> maven = List.of(Path.of(isWindows() ? "mvnw.cmd" : "mvnw").toAbsolutePath().toString(), "-B",
                "-q", "-o", "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + userRepo);
        run(Path.of("."), concat(maven, "install", "-pl", "core,rules", "-am", "-Dmaven.test.skip=true"));
        assertThat(repo.resolve("io/trailguard/trailguard-core/0.1.0-SNAPSHOT")).isDirectory();
        assertThat(repo.resolve("io/trailguard/trailguard-rules/0.1.0-SNAPSHOT")).isDirectory();

        Path consumer = Files.createDirectories(WORK.resolve("consumer"));
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>uses-trailguard</artifactId>
                  <version>1</version>
                  <dependencies>
                """ + dependency + """
                  </dependencies>
                </project>
                """);
        Path cpFile = consumer.resolve("classpath.txt");
        run(consumer, concat(maven,
                "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath", "-Dmdep.outputFile=" + cpFile));
        String cp = Files.readString(cpFile).strip();
        assertThat(cp).contains("trailguard-core-0.1.0-SNAPSHOT.jar").contains("trailguard-rules-0.1.0-SNAPSHOT.jar")
                .contains("jackson-databind").doesNotContain("trailguard-cli").doesNotContain("awssdk")
                .doesNotContain("picocli");

        Path src = Files.createDirectories(consumer.resolve("src"));
        Files.writeString(src.resolve("Snippet.java"), """
                import io.trailguard.core.*;
                import io.trailguard.rules.BuiltinRules;
                import java.nio.file.Path;

                public class Snippet {
                    public static void main(String[] args) {
                """ + snippet + """
                    }
                }
                """);
        Path classes = Files.createDirectories(consumer.resolve("classes"));
        String bin = Path.of(System.getProperty("java.home"), "bin").toString();
        run(Path.of("."), List.of(Path.of(bin, "javac").toString(), "--release", "17", "-d", classes.toString(),
                "-cp", cp, src.resolve("Snippet.java").toString()));
        String out = run(Path.of("."), List.of(Path.of(bin, "java").toString(), "-cp",
                classes + File.pathSeparator + cp, "Snippet"));
        assertThat(out).contains("S3-01 arn:aws:s3:::acme-central-cloudtrail-logs").contains("  $ aws ");

        // the same jars as modules: the snippet compiles against what the descriptors export, and runs with the
        // module graph they declare (requires, resources read inside their own module)
        Path modular = Files.createDirectories(consumer.resolve("modular-classes"));
        run(Path.of("."), List.of(Path.of(bin, "javac").toString(), "--release", "17", "-d", modular.toString(),
                "--module-path", cp, "--add-modules", "io.trailguard.rules", src.resolve("Snippet.java").toString()));
        String modOut = run(Path.of("."), List.of(Path.of(bin, "java").toString(), "--module-path", cp,
                "--add-modules", "io.trailguard.rules", "-cp", modular.toString(), "Snippet"));
        assertThat(modOut).isEqualTo(out);
        // ... and nothing else: the rule DSL's parser is implementation, not exported to a library user
        Path internal = Files.writeString(src.resolve("Internal.java"),
                "public class Internal { Object o = io.trailguard.core.dsl.RuleParser.API_VERSION; }\n");
        Process javac = new ProcessBuilder(Path.of(bin, "javac").toString(), "--release", "17", "-d",
                modular.toString(), "--module-path", cp, "--add-modules", "io.trailguard.rules", internal.toString())
                .redirectErrorStream(true).start();
        String refused = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(javac.waitFor()).as(refused).isNotZero();
        assertThat(refused).contains("package io.trailguard.core.dsl is not visible");
    }

    private static String block(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("README block " + regex).isTrue();
        return m.group(1);
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(WORK, "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("finished: " + command).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
