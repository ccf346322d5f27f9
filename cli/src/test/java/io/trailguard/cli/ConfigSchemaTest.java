package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/trailguard.schema.json, the JSON Schema of trailguard.yaml, is made from the commands' own options, so it
 * lists every option a section accepts and nothing else ({@code -Dgolden.update=true} rewrites it).
 */
class ConfigSchemaTest {
    private static final Path SCHEMA = Path.of("docs/trailguard.schema.json");

    @Test
    void theSchemaListsEveryOptionOfEveryCommand() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://github.com/trailguard/trailguard/docs/trailguard.schema.json");
        root.put("title", "trailguard.yaml");
        root.put("description", "Option defaults of trailguard's commands: one section per command, keys are option "
                + "names without dashes; the command line overrides them. See the README's trailguard.yaml section.");
        root.put("type", "object");
        root.put("additionalProperties", false);
        ObjectNode sections = root.putObject("properties");
        section(Main.commandLine(Main.SUBCOMMANDS), "", sections);
        String schema = json.writeValueAsString(root) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SCHEMA, schema, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SCHEMA, StandardCharsets.UTF_8)).as("rerun with -Dgolden.update=true")
                .isEqualTo(schema);
        assertThat(root.at("/properties/scan/properties/fail-on/description").asText()).contains("none");
    }

    private static void section(CommandLine cmd, String prefix, ObjectNode out) {
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            if (e.getKey().equals("help") || e.getKey().equals("generate-completion")) {
                continue;
            }
            List<OptionSpec> options = e.getValue().getCommandSpec().options().stream()
                    .filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp()).toList();
            if (!options.isEmpty()) {
                ObjectNode s = out.putObject(name);
                s.put("type", "object");
                s.put("additionalProperties", false);
                s.put("description", String.join(" ", e.getValue().getCommandSpec().usageMessage().description()));
                ObjectNode props = s.putObject("properties");
                for (OptionSpec o : options) {
                    ObjectNode p = props.putObject(o.longestName().replaceFirst("^-+", ""));
                    p.put("description", String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                            String.valueOf(o.defaultValue())).replace("${COMPLETION-CANDIDATES}",
                            candidates(o)));
                    type(o, p);
                }
            }
            section(e.getValue(), name, out);
        }
    }

    private static void type(OptionSpec o, ObjectNode p) {
        Class<?> t = o.type();
        if (Map.class.isAssignableFrom(t)) {
            p.put("type", "object");
            p.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        } else if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            ArrayNode types = p.putArray("type");
            types.add("array").add("string");
            ObjectNode items = p.putObject("items");
            items.put("type", "string");
            enumOf(o, items);
        } else if (t == boolean.class || t == Boolean.class) {
            p.put("type", "boolean");
        } else if (t == int.class || t == Integer.class || t == long.class) {
            p.put("type", "integer");
        } else {
            p.put("type", "string");
            enumOf(o, p);
        }
    }

    private static void enumOf(OptionSpec o, ObjectNode p) {
        if (o.completionCandidates() != null && (o.auxiliaryTypes()[0].isEnum() || o.type().isEnum())) {
            ArrayNode e = p.putArray("enum");
            o.completionCandidates().forEach(e::add);
        }
    }

    private static String candidates(OptionSpec o) {
        return o.completionCandidates() == null ? "" : String.join(", ", o.completionCandidates());
    }
}
