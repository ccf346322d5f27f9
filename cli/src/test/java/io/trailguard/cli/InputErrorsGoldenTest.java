package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input a user can give exits 2 with a message naming the file and position. The messages are golden
 * files: on a mismatch the whole new text is printed; {@code -Dgolden.update=true} rewrites them.
 */
class InputErrorsGoldenTest {
    private static final Path CORE = Path.of("core/src/test/resources");
    private static final Path GOLDEN = Path.of("cli/src/test/resources/errors");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("malformed-yaml", new String[] {"validate", CORE.resolve("rules/malformed.yaml").toString()}),
                Arguments.of("unknown-operator", new String[] {"scan", "examples/acme-org.json", "--rules",
                        CORE.resolve("rules/unknown-operator.yaml").toString()}),
                Arguments.of("bad-jsonpath", new String[] {"validate", CORE.resolve("rules/bad-jsonpath.yaml").toString()}),
                Arguments.of("alias-bomb", new String[] {"rules", "test", CORE.resolve("rules/alias-bomb.yaml").toString()}),
                Arguments.of("many-problems", new String[] {"validate", CORE.resolve("rules/many-problems.yaml").toString()}),
                Arguments.of("lean-fixture-addresses-nothing", new String[] {"validate",
                        CORE.resolve("testing/lean/fixtures/bad/missing.json").toString()}),
                Arguments.of("yaml-fixture-addresses-nothing", new String[] {"validate",
                        CORE.resolve("testing/lean/fixtures/bad/short-missing.yaml").toString()}),
                Arguments.of("snapshot-not-json", new String[] {"scan", CORE.resolve("snapshots/not-json.json").toString()}),
                Arguments.of("snapshot-wrong-shape", new String[] {"scan", CORE.resolve("snapshots/wrong-shape.json").toString()}),
                Arguments.of("unknown-param", new String[] {"scan", "examples/acme-org.json", "--param", "maxDeliveryLagg=1h"}),
                Arguments.of("bad-param-value", new String[] {"scan", "examples/acme-org.json", "--param", "maxDeliveryLag=soon"}),
                Arguments.of("unknown-option", new String[] {"scan", "examples/acme-org.json", "--fial-on", "high"}),
                Arguments.of("missing-snapshot", new String[] {"scan", "no/such/file.json"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputExitsTwoWithAPositionedMessage(String name, String[] args) throws IOException {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String actual = r.err().replace("\r\n", "\n");
        Path golden = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            throw new AssertionError("stderr differs from " + golden + " (rerun with -Dgolden.update=true to accept); "
                    + "the new text is:\n" + actual);
        }
    }
}
