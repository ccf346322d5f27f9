package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Reference;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The framework mapping table (io/trailguard/rules/frameworks.yaml) and the rules' references agree, and no rule maps
 * to a control that checks something else: each mapped control's key words (which occur in the control's own
 * statement) must occur in the rule's title or description.
 */
class FrameworkMappingTest {
    private static JsonNode table;
    private static final List<RuleDefinition> RULES = BuiltinRules.pack().definitions();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = FrameworkMappingTest.class.getResourceAsStream("/io/trailguard/rules/frameworks.yaml")) {
            assertThat(in).as("frameworks.yaml on the classpath").isNotNull();
            table = SafeYaml.parse("frameworks.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8)).root();
        }
    }

    /** The references a rule should carry according to the table: cis VERSION/CONTROL (v1.4.0, v3.0.0; v5.0.0 where it differs) and securityhub ids. */
    private static Set<String> expected(String ruleId) {
        Set<String> out = new TreeSet<>();
        JsonNode row = table.path("rules").path(ruleId);
        JsonNode cis = row.path("cis");
        for (String v : List.of("1.4.0", "3.0.0")) {
            cis.path(v).forEach(c -> out.add("cis " + v + "/" + c.asText()));
        }
        if (!cis.path("5.0.0").equals(cis.path("3.0.0"))) {
            cis.path("5.0.0").forEach(c -> out.add("cis 5.0.0/" + c.asText()));
        }
        row.path("securityhub").forEach(s -> out.add("securityhub " + s.asText()));
        return out;
    }

    private static Set<String> actual(RuleDefinition r) {
        Set<String> out = new TreeSet<>();
        for (Reference ref : r.references()) {
            if (!ref.kind().equals("doc")) {
                out.add(ref.kind() + " " + ref.id());
            }
        }
        return out;
    }

    @Test
    void everyRuleIsInTheTableAndItsReferencesAgreeWithIt() {
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : RULES) {
            if (!table.path("rules").has(r.id())) {
                problems.add(r.id() + ": not in frameworks.yaml (add a row, empty if it maps to no control)");
                continue;
            }
            Set<String> want = expected(r.id());
            Set<String> have = actual(r);
            if (!want.equals(have)) {
                Set<String> missing = new TreeSet<>(want);
                missing.removeAll(have);
                Set<String> extra = new TreeSet<>(have);
                extra.removeAll(want);
                problems.add(r.id() + ": references disagree with the table; missing " + missing + ", not in the table " + extra);
            }
        }
        Set<String> ids = new TreeSet<>();
        RULES.forEach(r -> ids.add(r.id()));
        table.path("rules").fieldNames().forEachRemaining(id -> {
            if (!ids.contains(id)) {
                problems.add(id + ": in frameworks.yaml but no such rule");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMappedControlIsDescribedAndItsKeyWordsComeFromItsStatement() {
        List<String> problems = new ArrayList<>();
        for (String kind : List.of("cis", "securityhub")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = table.path("controls").path(kind).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String checks = e.getValue().path("checks").asText("");
                if (checks.isBlank()) {
                    problems.add(kind + " " + e.getKey() + ": no statement of what it checks");
                }
                if (e.getValue().path("keywords").isEmpty()) {
                    problems.add(kind + " " + e.getKey() + ": no key words");
                }
                e.getValue().path("keywords").forEach(k -> {
                    if (!norm(checks).contains(norm(k.asText()))) {
                        problems.add(kind + " " + e.getKey() + ": key word '" + k.asText() + "' is not in its statement");
                    }
                });
            }
        }
        for (String ruleId : iterable(table.path("rules").fieldNames())) {
            for (String ref : expected(ruleId)) {
                String[] parts = ref.split(" ", 2);
                if (!table.path("controls").path(parts[0]).has(parts[1])) {
                    problems.add(ruleId + ": maps to " + ref + ", which the controls section does not describe");
                }
            }
            JsonNode cis = table.path("rules").path(ruleId).path("cis");
            for (String v : List.of("1.4.0", "3.0.0", "5.0.0")) {
                cis.path(v).forEach(c -> {
                    if (!table.path("controls").path("cis").has(v + "/" + c.asText())) {
                        problems.add(ruleId + ": maps to cis " + v + "/" + c.asText() + ", which the controls section does not describe");
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noRuleMapsToAControlThatChecksSomethingElse() {
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : RULES) {
            String text = norm(r.title() + " " + r.description() + " " + String.join(" ", r.resourceTypes()));
            JsonNode row = table.path("rules").path(r.id());
            List<String> controls = new ArrayList<>();
            for (String v : List.of("1.4.0", "3.0.0", "5.0.0")) {
                row.path("cis").path(v).forEach(c -> controls.add("cis " + v + "/" + c.asText()));
            }
            row.path("securityhub").forEach(s -> controls.add("securityhub " + s.asText()));
            for (String c : controls) {
                String[] parts = c.split(" ", 2);
                JsonNode control = table.path("controls").path(parts[0]).path(parts[1]);
                boolean shares = false;
                for (JsonNode k : control.path("keywords")) {
                    shares |= text.contains(norm(k.asText()));
                }
                if (!shares) {
                    problems.add(r.id() + " (" + r.title() + ") maps to " + c + " (" + control.path("checks").asText()
                            + ") but shares none of its key words " + control.path("keywords"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theTableKnowsTheRenumberedSections() {
        // CloudTrail encryption with KMS: 3.7 in v1.4.0, 3.5 from v3.0.0; S3 MFA delete: 2.1.3 in v1.4.0, 2.1.2 from v3.0.0.
        assertThat(table.path("rules").path("CT-04").path("cis").path("1.4.0").get(0).asText()).isEqualTo("3.7");
        assertThat(table.path("rules").path("CT-04").path("cis").path("3.0.0").get(0).asText()).isEqualTo("3.5");
        assertThat(table.path("rules").path("S3-04").path("cis").path("1.4.0").get(0).asText()).isEqualTo("2.1.3");
        assertThat(table.path("rules").path("S3-04").path("cis").path("3.0.0").get(0).asText()).isEqualTo("2.1.2");
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', ' ');
    }

    private static Iterable<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
