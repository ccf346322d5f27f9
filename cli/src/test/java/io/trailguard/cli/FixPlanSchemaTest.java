package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/fix-plan.schema.json describes what {@code scan --fix-script PLAN.json} writes: the plans of the example
 * organisation, with its parameters unset and set, conform to it, and plans broken in the ways a consumer would trip
 * on do not.
 */
class FixPlanSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA = Path.of("docs/fix-plan.schema.json");
    /** The report schema the plan schema refers to for a parameter, a command and a resource, under its $id. */
    private static final Path REPORT_SCHEMA = Path.of("core/src/main/resources/io/trailguard/core/schema/report.schema.json");
    private static final Schema PLAN = load();
    /** The decisions the example leaves to the user (README, ScanCommandTest). */
    private static final List<String> PARAMS = List.of("--param",
            "replicaKmsKey=arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "--param", "queryLogConfigId=rqlc-0123456789abcdef",
            "--param", "breakGlassPrincipals=arn:aws:iam::222222222222:role/BreakGlass");

    @TempDir
    Path dir;

    private static Schema load() {
        try {
            JsonNode report = JSON.readTree(REPORT_SCHEMA.toFile());
            String id = report.get("$id").asText();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    b -> b.schemas(Map.of(id, report.toString()))).getSchema(JSON.readTree(SCHEMA.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a plan breaks the schema (instance locations with messages); empty when it conforms. */
    static List<String> errors(JsonNode plan) {
        return PLAN.validate(plan).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private JsonNode plan(String name, List<String> extra) throws IOException {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", "examples/acme-org.json", "--fix-script", out.toString()));
        args.addAll(extra);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
        return JSON.readTree(Files.readString(out));
    }

    @Test
    void thePlansOfTheExampleConform() throws IOException {
        JsonNode unset = plan("unset.json", List.of());
        JsonNode set = plan("set.json", PARAMS);
        assertThat(errors(unset)).isEmpty();
        assertThat(errors(set)).isEmpty();
        // the two cover what the schema constrains: unset variables, every phase, unfixable findings with reasons
        assertThat(unset.at("/proof/result").asText()).isEqualTo("not-provable");
        assertThat(unset.get("variables")).hasSize(3);
        assertThat(set.get("variables")).isEmpty();
        assertThat(set.at("/proof/result").asText()).isIn("proven", "not-proven");
        Set<String> phases = new TreeSet<>();
        set.get("commands").forEach(c -> phases.add(c.get("phase").asText()));
        assertThat(phases).containsExactlyInAnyOrder("create", "policy", "delete", "configure", "start");
        assertThat(set.get("unfixable")).isNotEmpty();
        assertThat(set.get("fixes")).isNotEmpty();
    }

    @Test
    void brokenPlansDoNot() throws IOException {
        JsonNode plan = plan("plan.json", List.of());
        ObjectNode noPhase = plan.deepCopy();
        ((ObjectNode) noPhase.at("/commands/0")).remove("phase");
        assertThat(errors(noPhase)).anyMatch(e -> e.startsWith("/commands/0:") && e.contains("phase"));

        ObjectNode badAccount = plan.deepCopy();
        ((ObjectNode) badAccount.at("/commands/1/command")).put("account", "prod");
        assertThat(errors(badAccount)).anyMatch(e -> e.startsWith("/commands/1/command/account"));

        ObjectNode noReason = plan.deepCopy();
        ((ObjectNode) noReason.at("/unfixable/0")).remove("reason");
        assertThat(errors(noReason)).anyMatch(e -> e.startsWith("/unfixable/0:") && e.contains("reason"));

        ObjectNode decided = plan.deepCopy();
        ((ObjectNode) decided.at("/variables/0")).put("source", "param");
        assertThat(errors(decided)).anyMatch(e -> e.startsWith("/variables/0/source"));

        ObjectNode badResult = plan.deepCopy();
        ((ObjectNode) badResult.get("proof")).put("result", "PROVEN");
        assertThat(errors(badResult)).anyMatch(e -> e.startsWith("/proof/result"));

        ObjectNode extra = plan.deepCopy();
        extra.put("commandsCount", 3);
        ((ArrayNode) extra.get("fixes")).addObject().put("ruleId", "CT-03");
        assertThat(errors(extra)).anyMatch(e -> e.contains("commandsCount"))
                .anyMatch(e -> e.startsWith("/fixes/" + (plan.get("fixes").size()) + ":") && e.contains("resource"));
    }
}
