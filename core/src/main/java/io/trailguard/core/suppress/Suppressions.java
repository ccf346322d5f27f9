package io.trailguard.core.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Status;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A suppressions file: a YAML list of accepted risks.
 *
 * <pre>{@code
 * - rule: CT-03
 *   account: "333333333333"     # optional, 12 digits
 *   region: eu-west-1           # optional
 *   resource: "arn:aws:cloudtrail:*:333333333333:trail/legacy-*"   # optional glob: * and ?
 *   reason: legacy trail, replaced by the organisation trail in Q1  # required
 *   expires: 2027-03-31         # optional, last day it suppresses
 * }</pre>
 *
 * <p>The list may also sit under a top-level {@code suppressions:} key. Every problem in the file is reported at once,
 * each as {@code file:line:col}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Suppressions {
    private static final List<String> KEYS = List.of("rule", "account", "region", "resource", "reason", "expires");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final List<SuppressionEntry> entries;

    private Suppressions(List<SuppressionEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No suppressions. */
    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    /**
     * Reads a suppressions file.
     *
     * @throws InvalidInputException listing every problem, each with file, line and column
     */
    public static Suppressions read(Path file) {
        return parse(file.toString(), io.trailguard.core.diag.InputFiles.readUtf8(file, "the suppressions file"));
    }

    /**
     * Parses suppressions YAML; {@code source} names it in messages.
     *
     * @throws InvalidInputException listing every problem, each with file, line and column
     */
    public static Suppressions parse(String source, String yaml) {
        YamlDocument doc = SafeYaml.parse(source, yaml);
        List<Problem> problems = new ArrayList<>();
        JsonNode root = doc.root();
        String base = "";
        if (root.isObject() && root.has("suppressions") && root.size() == 1) {
            root = root.get("suppressions");
            base = "/suppressions";
        }
        if (root.isNull()) {
            return none();
        }
        if (!root.isArray()) {
            throw new InvalidInputException(doc.problem(doc.valueAt(base),
                    "expected a list of suppressions (- rule: ..., reason: ...)"));
        }
        List<SuppressionEntry> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            SuppressionEntry e = entry(doc, root.get(i), base + "/" + i, problems);
            if (e != null) {
                out.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Suppressions(out);
    }

    private static SuppressionEntry entry(YamlDocument doc, JsonNode node, String ptr, List<Problem> problems) {
        Position at = doc.valueAt(ptr);
        if (!node.isObject()) {
            problems.add(doc.problem(at, "expected a suppression (a mapping with rule and reason)"));
            return null;
        }
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!KEYS.contains(k)) {
                problems.add(doc.problem(doc.keyAt(ptr + "/" + k), "unknown key '" + k + "': expected one of "
                        + String.join(", ", KEYS) + Suggestions.hint(k, KEYS)));
            }
        }
        String rule = text(doc, node, ptr, "rule", true, problems);
        String reason = text(doc, node, ptr, "reason", true, problems);
        String account = text(doc, node, ptr, "account", false, problems);
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            problems.add(doc.problem(doc.valueAt(ptr + "/account"), "account '" + account
                    + "' is not a 12-digit account id (quote it if it starts with 0)"));
        }
        String region = text(doc, node, ptr, "region", false, problems);
        String resource = text(doc, node, ptr, "resource", false, problems);
        String expiresText = text(doc, node, ptr, "expires", false, problems);
        LocalDate expires = null;
        if (expiresText != null) {
            try {
                if (!DATE.matcher(expiresText).matches()) {
                    throw new DateTimeParseException("format", expiresText, 0);
                }
                expires = LocalDate.parse(expiresText);
            } catch (DateTimeParseException e) {
                problems.add(doc.problem(doc.valueAt(ptr + "/expires"), "expires '" + expiresText
                        + "' is not a date: expected YYYY-MM-DD"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new SuppressionEntry(rule, account, region, resource, reason, expires, doc.source(), at.line(),
                at.column());
    }

    private static String text(YamlDocument doc, JsonNode node, String ptr, String key, boolean required,
                               List<Problem> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(doc.problem(doc.valueAt(ptr), "missing required key '" + key + "'"
                        + (key.equals("reason") ? ": say why the risk is accepted" : "")));
            }
            return null;
        }
        if (v.isTextual() || v.isIntegralNumber()) {
            String s = v.asText().strip();
            if (s.isEmpty()) {
                problems.add(doc.problem(doc.valueAt(ptr + "/" + key), "'" + key + "' is empty"));
                return null;
            }
            return s;
        }
        problems.add(doc.problem(doc.valueAt(ptr + "/" + key), "'" + key + "' must be a string"));
        return null;
    }

    /** The entries in file order. */
    public List<SuppressionEntry> entries() {
        return entries;
    }

    /**
     * Marks every failing or unknown finding matched by an unexpired entry as suppressed (the first matching entry
     * in file order wins); findings are kept, never dropped. A pass or a not-applicable outcome is never suppressed:
     * there is no risk in it to accept, and counting it would make the totals exceed the findings.
     *
     * @param today the date expiry is judged against (pass a fixed date for reproducible output)
     */
    public SuppressionOutcome apply(ScanResult result, LocalDate today) {
        int[] used = new int[entries.size()];
        int[] expiredHits = new int[entries.size()];
        List<Finding> out = new ArrayList<>(result.findings().size());
        for (Finding f : result.findings()) {
            Finding marked = f;
            boolean suppressible = f.status() == Status.FAIL || f.status() == Status.UNKNOWN;
            for (int i = 0; i < entries.size(); i++) {
                SuppressionEntry e = entries.get(i);
                if (!suppressible || !e.matches(f)) {
                    continue;
                }
                if (e.isExpired(today)) {
                    expiredHits[i]++;
                    continue;
                }
                used[i]++;
                marked = f.withSuppression(e.toSuppression());
                break;
            }
            out.add(marked);
        }
        List<Problem> warnings = new ArrayList<>();
        List<SuppressionEntry> unused = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SuppressionEntry e = entries.get(i);
            if (e.isExpired(today)) {
                warnings.add(new Problem(e.source(), e.line(), e.column(), "suppression of " + e.rule()
                        + " expired on " + e.expires() + " and no longer suppresses"
                        + (expiredHits[i] == 0 ? " (it matches no finding either)"
                        : " its " + expiredHits[i] + " finding(s)") + ": renew it or remove it", null));
            } else if (used[i] == 0) {
                warnings.add(new Problem(e.source(), e.line(), e.column(), "suppression of " + e.rule()
                        + " matches no failing or unknown finding" + ": remove it or correct its "
                        + "rule, account, region or resource", null));
            }
            if (used[i] == 0) {
                unused.add(e);
            }
        }
        return new SuppressionOutcome(result.withFindings(out), warnings, unused);
    }
}
