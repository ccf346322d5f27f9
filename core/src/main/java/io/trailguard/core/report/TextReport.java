package io.trailguard.core.report;

import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human report: failures grouped by severity, most severe first, each with the resource, what is wrong in one
 * plain sentence, why it matters, the evidence and the fix with its commands; then what could not be checked; then
 * one summary line.
 *
 * @since 0.1.0
 */
public final class TextReport {
    private static final int WIDTH = 100;

    private TextReport() {
    }

    /**
     * Renders the report without colour.
     *
     * @param source     the snapshot's name, for the header
     * @param showPassed also list passing findings
     */
    public static String render(ScanResult result, String source, boolean showPassed) {
        return render(result, source, showPassed, false);
    }

    /**
     * Renders the report, with ANSI colours when {@code color} is true (the caller decides: a terminal and
     * {@code NO_COLOR} unset); without it the text holds no escape codes.
     *
     * @param source     the snapshot's name, for the header
     * @param showPassed also list passing findings
     * @param color      colour severities and outcomes with ANSI escape codes
     */
    public static String render(ScanResult result, String source, boolean showPassed, boolean color) {
        Ansi a = new Ansi(color);
        StringBuilder sb = new StringBuilder();
        sb.append("trailguard scan of ").append(source).append(": ").append(result.accounts().size())
                .append(" account(s), ").append(result.resourceCount()).append(" resource(s), captured ")
                .append(result.capturedAt()).append('\n');
        if (!result.collectionErrors().isEmpty()) {
            sb.append(result.collectionErrors().size()).append(" API call(s) failed during collection; rules that "
                    + "need what they would have read report UNKNOWN.\n");
        }
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            List<Finding> fails = result.findings().stream()
                    .filter(f -> f.isOpenFailure() && f.severity() == s).toList();
            if (fails.isEmpty()) {
                continue;
            }
            sb.append('\n').append(a.severity(s, "== " + s.label().toUpperCase() + " (" + fails.size()
                    + " failing) " + "=".repeat(Math.max(3, 60 - s.label().length())))).append('\n');
            Map<String, List<Finding>> byRule = new LinkedHashMap<>();
            fails.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
            for (List<Finding> group : byRule.values()) {
                rule(sb, group, a);
            }
        }
        List<Finding> suppressed = result.findings().stream().filter(Finding::isSuppressed).toList();
        if (!suppressed.isEmpty()) {
            sb.append('\n').append(a.dim("== SUPPRESSED (" + suppressed.size() + ") " + "=".repeat(47))).append('\n');
            for (Finding f : suppressed) {
                sb.append("\n").append(a.dim("~ " + f.ruleId() + "  " + f.title() + "  [" + f.status() + ", "
                        + f.severity().label() + "]")).append('\n');
                sb.append("  resource  ").append(resource(f)).append('\n');
                sb.append("  reason    ").append(wrap(f.suppression().reason(), 12)).append('\n');
                sb.append("  until     ").append(f.suppression().expires() == null ? "no expiry"
                        : f.suppression().expires().toString()).append(" (").append(f.suppression().source())
                        .append(")\n");
            }
        }
        List<Finding> unknown = result.findings().stream().filter(f -> f.status() == Status.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            sb.append("\n== COULD NOT CHECK (").append(unknown.size()).append(") ").append("=".repeat(44)).append('\n');
            for (Finding f : unknown) {
                sb.append("\n").append(a.paint(Ansi.YELLOW, "? " + f.ruleId())).append("  ").append(f.title())
                        .append(f.isSuppressed() ? "  (suppressed)" : "").append('\n');
                sb.append("  resource  ").append(resource(f)).append('\n');
                sb.append("  reason    ").append(f.unknown().code()).append(": ")
                        .append(wrap(f.unknown().detail(), 12)).append('\n');
            }
        }
        if (showPassed) {
            List<Finding> passed = result.findings().stream().filter(f -> f.status() == Status.PASS).toList();
            if (!passed.isEmpty()) {
                sb.append("\n== PASSED (").append(passed.size()).append(") ").append("=".repeat(50)).append('\n');
                for (Finding f : passed) {
                    sb.append(a.paint(Ansi.GREEN, "✓ " + f.ruleId())).append("  ").append(resource(f)).append(": ")
                            .append(f.message()).append('\n');
                }
            }
        }
        sb.append('\n').append(a.paint(Ansi.BOLD, summary(result))).append('\n');
        return sb.toString();
    }

    private static void rule(StringBuilder sb, List<Finding> group, Ansi a) {
        Finding first = group.get(0);
        sb.append('\n').append(a.severity(first.severity(), "✗ " + first.ruleId())).append("  ").append(first.title())
                .append(group.size() > 1 ? "  (" + group.size() + " resources)" : "").append('\n');
        sb.append("  why       ").append(wrap(first.rationale(), 12)).append('\n');
        if (!first.references().isEmpty()) {
            sb.append("  see       ").append(wrap(String.join("; ", first.references().stream()
                    .map(r -> r.kind().equals("doc") ? r.url() : r.title()).toList()), 12)).append('\n');
        }
        for (Finding f : group) {
            failure(sb, f, a);
        }
    }

    private static void failure(StringBuilder sb, Finding f, Ansi a) {
        sb.append("\n  • ").append(resource(f)).append('\n');
        sb.append("    problem   ").append(wrap(f.message(), 14)).append('\n');
        if (!f.evidence().isEmpty()) {
            String head = "    evidence  ";
            for (Evidence e : f.evidence().subList(0, Math.min(4, f.evidence().size()))) {
                sb.append(head).append(wrap(e.path() + " = " + (e.value() == null ? "(absent)" : e.value())
                        + "; expected " + e.expected(), 14)).append('\n');
                head = "              ";
            }
        }
        Fix fix = f.fix();
        if (fix != null) {
            sb.append("    fix       ").append(wrap(fix.summary(), 14)).append('\n');
            int n = 1;
            for (String step : fix.steps()) {
                sb.append("              ").append(n++).append(". ").append(wrap(step, 17)).append('\n');
            }
            for (var p : fix.params()) {
                if (!p.source().equals("default")) {
                    sb.append("              ").append(wrap(p.isUnset()
                            ? p.name() + " is not set and the snapshot does not decide it: the commands use $"
                            + p.variable() + "; set --param " + p.name() + "=…"
                            : p.name() + " = " + p.value() + " (" + p.source() + ")", 14)).append('\n');
                }
            }
            if (fix.changes().isEmpty() && fix.manual() != null) {
                sb.append("              ").append(wrap("no command makes this change: " + fix.manual(), 14)).append('\n');
            }
            for (String c : fix.script()) {
                sb.append("              ").append(a.paint(Ansi.CYAN, c.startsWith("# ") ? c : "$ " + c)).append('\n');
            }
        }
    }

    private static String resource(Finding f) {
        var r = f.resource();
        return r.id() + " (" + r.type() + ") in account " + r.accountId()
                + (r.region().equals("global") ? "" : ", " + r.region());
    }

    /** {@code 7 failed (2 high, 5 medium), 1 suppressed, 12 passed, 1 unknown, 3 not applicable; 7 rules, 4 accounts}. */
    public static String summary(ScanResult result) {
        Map<Status, Integer> by = result.countByStatus();
        List<String> sev = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            int n = result.failuresBySeverity().get(s);
            if (n > 0) {
                sev.add(n + " " + s.label());
            }
        }
        int suppressed = result.suppressedCount();
        long open = result.findings().stream().filter(Finding::isOpenFailure).count();
        return "Summary: " + open + " failed" + (sev.isEmpty() ? "" : " (" + String.join(", ", sev) + ")")
                + (suppressed == 0 ? "" : ", " + suppressed + " suppressed") + ", " + by.get(Status.PASS)
                + " passed, " + by.get(Status.UNKNOWN) + " unknown, " + by.get(Status.NOT_APPLICABLE)
                + " not applicable; " + result.rulesEvaluated() + " rules, " + result.accounts().size()
                + " accounts, " + result.resourceCount() + " resources";
    }

    /** ANSI SGR codes, emitted only when colour was asked for. */
    private record Ansi(boolean on) {
        static final String RED = "31";
        static final String BOLD_RED = "1;31";
        static final String YELLOW = "33";
        static final String GREEN = "32";
        static final String CYAN = "36";
        static final String BOLD = "1";
        static final String DIM = "2";

        String paint(String code, String text) {
            return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
        }

        String dim(String text) {
            return paint(DIM, text);
        }

        String severity(Severity s, String text) {
            return paint(switch (s) {
                case CRITICAL -> BOLD_RED;
                case HIGH -> RED;
                case MEDIUM -> YELLOW;
                case LOW, INFO -> CYAN;
            }, text);
        }
    }

    private static String wrap(String text, int indent) {
        StringBuilder sb = new StringBuilder();
        int col = indent;
        for (String word : text.strip().split("\\s+")) {
            if (col + word.length() > WIDTH && col > indent) {
                sb.append('\n').append(" ".repeat(indent));
                col = indent;
            }
            sb.append(word).append(' ');
            col += word.length() + 1;
        }
        return sb.toString().stripTrailing();
    }
}
