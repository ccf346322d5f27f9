package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.yaml.SafeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an AWS service sends when it delivers comes from one place, the delivery catalogue
 * ({@code io/trailguard/core/delivery/deliveries.yaml}): a built-in rule that asks whether a service principal is
 * allowed something (a delivery) names the catalogue entry instead of writing the principal, actions, resource and
 * context by hand. Probes that a service is <em>denied</em> something (S3-06, S3-11) are not deliveries.
 */
class DeliveryCatalogueUseTest {
    @Test
    void everyDeliveryProbeComesFromTheCatalogue() throws IOException {
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : BuiltinRules.fromFiles().definitions()) {
            JsonNode root = SafeYaml.parse(r.file().toString(), Files.readString(r.file())).root();
            walk(root, "", r.id(), problems);
        }
        assertThat(problems).as("hand-built delivery probes; use access: {delivery: ID, ...}").isEmpty();
    }

    private static void walk(JsonNode n, String at, String id, List<String> problems) {
        if (n.isObject()) {
            JsonNode a = n.get("access");
            String is = n.path("is").asText("allowed");
            if (a != null && a.isObject() && is.equals("allowed") && !a.has("delivery")
                    && a.path("principal").asText("").endsWith(".amazonaws.com")) {
                problems.add(id + " " + at + "/access: " + a.path("principal").asText() + " " + a.path("action"));
            }
            if (!at.startsWith("/tests") && !at.startsWith("/fix")) {
                n.fields().forEachRemaining(e -> walk(e.getValue(), at + "/" + e.getKey(), id, problems));
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), at + "/" + i, id, problems);
            }
        }
    }
}
