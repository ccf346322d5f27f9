package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Building only the subcommand a command line names changes nothing picocli parses or prints. */
class LazySubcommandsTest {

    @Test
    void theListNamesEachSubcommandAsItsAnnotationDoes() {
        for (Main.Subcommand s : Main.SUBCOMMANDS) {
            assertThat(s.type().getAnnotation(Command.class).name()).isEqualTo(s.name());
        }
        assertThat(Main.needed(new String[] {"scan", "examples/acme-org.json"})).extracting(Main.Subcommand::name)
                .containsExactly("scan");
        assertThat(Main.needed(new String[] {"--config", "x.yaml", "rules", "list"})).extracting(Main.Subcommand::name)
                .containsExactly("rules");
        assertThat(Main.needed(new String[] {"--version"})).isEmpty();
        assertThat(Main.needed(new String[] {"help", "scan"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.needed(new String[] {"sacn"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.needed(new String[0])).isEqualTo(Main.SUBCOMMANDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-h", "--version", "-V", "--version --help", "sacn x", "--bogus", "help",
            "help scan", "generate-completion", "scan --help", "scan", "scan examples/acme-org.json --fial-on high",
            "scan examples/acme-org.json --rule CT-99", "scan examples/acme-org.json --format json --fail-on critical",
            "collect --help", "rules", "rules list", "rules explain CT-01", "validate", "policy --help",
            "config-rule --help", "--config", "scan --config no/such.yaml examples/acme-org.json"})
    void aCommandLineRunsAsWithEverySubcommand(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(run(args, false)).isEqualTo(run(args, true));
    }

    private static List<Object> run(String[] args, boolean all) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), all);
        return List.of(code, out.toString(), err.toString());
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        CommandLine cl = Main.commandLine(Main.needed(new String[] {"scan", "examples/acme-org.json"}));
        assertThat(cl.getSubcommands()).containsOnlyKeys("scan");
    }
}
