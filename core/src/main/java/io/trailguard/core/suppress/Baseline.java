package io.trailguard.core.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The failures of a previous JSON report (the format {@link io.trailguard.core.report.JsonReport} writes), so that
 * a scan can report only what is new. A failure is known when the baseline has a {@code FAIL} with the same rule id,
 * resource type, resource id and account. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Baseline {
    private final Set<List<String>> failures;

    private Baseline(Set<List<String>> failures) {
        this.failures = Set.copyOf(failures);
    }

    /**
     * Reads a JSON report file.
     *
     * @throws InvalidInputException when the file cannot be read or is not a trailguard JSON report
     */
    public static Baseline read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0,
                    "cannot read the baseline report: " + e.getMessage(), null));
        }
    }

    /**
     * Parses JSON report text; {@code source} names it in messages.
     *
     * @throws InvalidInputException when it is not a trailguard JSON report
     */
    public static Baseline parse(String source, String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (RuntimeException e) {
            throw new InvalidInputException(new Problem(source, 0, 0, "the baseline is not valid JSON: "
                    + e.getMessage(), null));
        }
        JsonNode findings = root == null ? null : root.get("findings");
        if (findings == null || !findings.isArray()) {
            throw new InvalidInputException(new Problem(source, 0, 0,
                    "the baseline is not a trailguard JSON report: expected a top-level \"findings\" array", null));
        }
        Set<List<String>> keys = new HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            JsonNode r = f.path("resource");
            if (!f.path("ruleId").isTextual() || !r.path("type").isTextual() || !r.path("id").isTextual()
                    || !r.path("accountId").isTextual() || !f.path("status").isTextual()) {
                throw new InvalidInputException(new Problem(source, 0, 0, "finding " + i + " of the baseline "
                        + "(JSON pointer /findings/" + i + ") lacks ruleId, status or resource type, id, accountId",
                        null));
            }
            if (f.path("status").asText().equals(Status.FAIL.name())) {
                keys.add(List.of(f.path("ruleId").asText(), r.path("type").asText(), r.path("id").asText(),
                        r.path("accountId").asText()));
            }
        }
        return new Baseline(keys);
    }

    /** How many failures the baseline holds. */
    public int size() {
        return failures.size();
    }

    /** True when the finding is a failure the baseline already had. */
    public boolean isKnown(Finding f) {
        return f.status() == Status.FAIL && failures.contains(key(f));
    }

    /**
     * The result reduced to the failures the baseline did not have; every other finding (passes, unknowns, known
     * failures) is left out.
     */
    public ScanResult onlyNew(ScanResult result) {
        return result.withFindings(result.findings().stream()
                .filter(f -> f.status() == Status.FAIL && !failures.contains(key(f))).toList());
    }

    private static List<String> key(Finding f) {
        return List.of(f.ruleId(), f.resource().type(), f.resource().id(), f.resource().accountId());
    }
}
