package io.trailguard.core.suppress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The failures of a previous JSON report (the format {@link io.trailguard.core.report.JsonReport} writes, version 2
 * or the earlier version 1), so that a scan can report only what is new. A failure is known when the baseline has a {@code FAIL} with the same rule id,
 * resource type, resource id and account. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Baseline {
    private static final List<Integer> SUPPORTED_VERSIONS = List.of(1, 2);

    private final Set<List<String>> failures;

    private Baseline(Set<List<String>> failures) {
        this.failures = Set.copyOf(failures);
    }

    /**
     * Reads a JSON report file, streamed: only the failures' keys are kept, so a large report is never held in
     * memory.
     *
     * @throws InvalidInputException when the file cannot be read or is not a trailguard JSON report
     */
    public static Baseline read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), Json.MAPPER.getFactory().createParser(in));
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
        try {
            return parse(source, Json.MAPPER.getFactory().createParser(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the top-level object field by field, the findings one by one; report versions 1 and 2 both work. */
    private static Baseline parse(String source, JsonParser p) throws IOException {
        try (p) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notAReport(source, p);
            }
            Set<List<String>> keys = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("reportVersion") && !(value == JsonToken.VALUE_NUMBER_INT
                        && SUPPORTED_VERSIONS.contains(p.getIntValue()))) {
                    throw new InvalidInputException(new Problem(source, p.currentTokenLocation().getLineNr(),
                            p.currentTokenLocation().getColumnNr(), "the baseline is a JSON report of "
                            + "version " + p.getText() + "; this trailguard reads versions " + SUPPORTED_VERSIONS,
                            null));
                } else if (field.equals("findings") && value == JsonToken.START_ARRAY) {
                    keys = failures(source, p);
                } else {
                    p.skipChildren();
                }
            }
            if (keys == null) {
                throw notAReport(source, null);
            }
            if (p.nextToken() != null) {
                throw new InvalidInputException(new Problem(source, p.currentTokenLocation().getLineNr(),
                        p.currentTokenLocation().getColumnNr(), "unexpected text after the report's JSON object", null));
            }
            return new Baseline(keys);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(io.trailguard.core.diag.InputFiles.json(source,
                    "the baseline is not valid JSON: ", e, p.currentLocation()));
        }
    }

    private static Set<List<String>> failures(String source, JsonParser p) throws IOException {
        Set<List<String>> keys = new HashSet<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            JsonNode f = p.readValueAsTree();
            JsonNode r = f.path("resource");
            if (!f.path("ruleId").isTextual() || !r.path("type").isTextual() || !r.path("id").isTextual()
                    || !r.path("accountId").isTextual() || !f.path("status").isTextual()) {
                throw new InvalidInputException(io.trailguard.core.diag.InputFiles.at(source, "/findings/" + i,
                        "finding " + i + " of the baseline lacks ruleId, status or resource type, id, accountId"));
            }
            if (f.path("status").asText().equals(Status.FAIL.name())) {
                keys.add(List.of(f.path("ruleId").asText(), r.path("type").asText(), r.path("id").asText(),
                        r.path("accountId").asText()));
            }
        }
        return keys;
    }

    private static InvalidInputException notAReport(String source, JsonParser p) {
        com.fasterxml.jackson.core.JsonLocation l = p == null ? null : p.currentTokenLocation();
        return new InvalidInputException(new Problem(source, l == null || l.getLineNr() < 1 ? 1 : l.getLineNr(),
                l == null || l.getColumnNr() < 1 ? 1 : l.getColumnNr(),
                "the baseline is not a trailguard JSON report: expected a top-level \"findings\" array", null));
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
     * The result reduced to the failures the baseline did not have; every other outcome (passes, unknowns, known
     * failures, subjects a rule does not apply to) is left out.
     */
    public ScanResult onlyNew(ScanResult result) {
        List<Finding> fresh = result.findings().stream()
                .filter(f -> f.status() == Status.FAIL && !failures.contains(key(f))).toList();
        return result.restrictedTo(r -> false).withFindings(fresh);
    }

    private static List<String> key(Finding f) {
        return List.of(f.ruleId(), f.resource().type(), f.resource().id(), f.resource().accountId());
    }
}
