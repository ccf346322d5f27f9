package io.trailguard.core.report;

import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The human report, ordered by what matters: a table of the failing rules by account, worst first; then one block
 * per failing rule with its failing resources (one line each, with its own problem), the evidence deduplicated and
 * capped, and the fix once, with what differs per resource; then what could not be checked, what is suppressed and
 * one summary line. {@link Options#details()} adds each rule's rationale and references, every resource's whole
 * message, all evidence and every fix step.
 *
 * <p>Every text that comes from a snapshot or a rule file passes through {@link TerminalText#sanitize(String)}: the
 * only escape sequences in the report are its own colours, and only when colour was asked for.
 *
 * @since 0.1.0
 */
public final class TextReport {
    private static final int WIDTH = 100;
    /** Accounts shown as columns of the summary table; more are counted in one column. */
    private static final int ACCOUNT_COLUMNS = 6;

    private TextReport() {
    }

    /**
     * How to render.
     *
     * @param showPassed also list passing findings
     * @param color      colour severities and outcomes with ANSI escape codes (the caller decides: a terminal and
     *                   {@code NO_COLOR} unset); without it the text holds no escape codes
     * @param details    every resource's whole message, all evidence, the rule's rationale and every fix step
     */
    public record Options(boolean showPassed, boolean color, boolean details) {
    }

    /** Renders the compact report without colour. */
    public static String render(ScanResult result, String source, boolean showPassed) {
        return render(result, source, new Options(showPassed, false, false));
    }

    /** Renders the compact report, in colour when {@code color} is true. */
    public static String render(ScanResult result, String source, boolean showPassed, boolean color) {
        return render(result, source, new Options(showPassed, color, false));
    }

    /**
     * Renders the report.
     *
     * @param source the snapshot's name, for the header
     */
    public static String render(ScanResult result, String source, Options options) {
        Ansi a = new Ansi(options.color());
        StringBuilder sb = new StringBuilder();
        sb.append("trailguard scan of ").append(clean(source)).append(": ").append(result.accounts().size())
                .append(" account(s), ").append(result.resourceCount()).append(" resource(s), captured ")
                .append(result.capturedAt()).append('\n');
        if (!result.collectionErrors().isEmpty()) {
            sb.append(result.collectionErrors().size()).append(" API call(s) failed during collection; rules that "
                    + "need what they would have read report UNKNOWN.\n");
        }
        List<List<Finding>> groups = failingRulesWorstFirst(result);
        if (!groups.isEmpty()) {
            table(sb, groups, a);
            Severity current = null;
            for (List<Finding> group : groups) {
                Severity s = group.get(0).severity();
                if (s != current && !options.details()) {
                    // compact: the rules of one severity read as one list, under one heading
                    sb.append('\n').append(severityHeading(groups, s, a)).append('\n');
                    current = s;
                }
                rule(sb, group, options, a);
            }
        }
        unknown(sb, result, options, a);
        suppressed(sb, result, a);
        if (options.showPassed()) {
            List<Finding> passed = result.findings().stream().filter(f -> f.status() == Status.PASS).toList();
            if (!passed.isEmpty()) {
                sb.append("\n== PASSED (").append(passed.size()).append(") ").append("=".repeat(50)).append('\n');
                for (Finding f : passed) {
                    String mark = "✓ " + clean(f.ruleId());
                    String text = line(mark + "  " + label(f.resource()) + ": " + clean(f.message()), options.details());
                    sb.append(a.paint(Ansi.GREEN, mark)).append(text.substring(mark.length())).append('\n');
                }
            }
        }
        sb.append('\n').append(a.paint(Ansi.BOLD, summary(result))).append('\n');
        if (!options.details() && !groups.isEmpty()) {
            sb.append("Every resource's whole message, all evidence, the rationale and every fix step: --details; "
                    + "all of it in --format json or html; every fix as one script: --fix-script fix.sh.\n");
        }
        return sb.toString();
    }

    /** Open failures grouped by rule: most severe first, then most failing resources, then rule order. */
    private static List<List<Finding>> failingRulesWorstFirst(ScanResult result) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        result.findings().stream().filter(Finding::isOpenFailure)
                .forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
        List<List<Finding>> groups = new ArrayList<>(byRule.values());
        groups.sort(Comparator.<List<Finding>, Severity>comparing(g -> g.get(0).severity()).reversed()
                .thenComparing(g -> -g.size()));
        return groups;
    }

    /** {@code == HIGH: 8 rules, 14 findings ===}. */
    private static String severityHeading(List<List<Finding>> groups, Severity s, Ansi a) {
        List<List<Finding>> of = groups.stream().filter(g -> g.get(0).severity() == s).toList();
        int findings = of.stream().mapToInt(List::size).sum();
        String text = "== " + s.label().toUpperCase() + ": " + of.size() + (of.size() == 1 ? " rule, " : " rules, ")
                + findings + (findings == 1 ? " finding " : " findings ");
        return a.severity(s, text + "=".repeat(Math.max(3, 66 - text.length())));
    }

    private static void table(StringBuilder sb, List<List<Finding>> groups, Ansi a) {
        Set<String> accounts = new TreeSet<>();
        groups.forEach(g -> g.forEach(f -> accounts.add(f.resource().accountId())));
        boolean columns = accounts.size() <= ACCOUNT_COLUMNS;
        int failing = groups.stream().mapToInt(List::size).sum();
        sb.append("Failing: ").append(failing).append(" finding(s) of ").append(groups.size())
                .append(" rule(s) in ").append(accounts.size()).append(" account(s), worst first")
                .append(columns ? " (failing resources per account)" : "").append('\n');
        StringBuilder head = new StringBuilder("  SEVERITY  RULE     ");
        if (columns) {
            accounts.forEach(acct -> head.append(String.format("%-13s", clean(acct))));
        } else {
            head.append("ACCOUNTS  ");
        }
        head.append("TITLE");
        sb.append(head).append('\n');
        for (List<Finding> g : groups) {
            Finding first = g.get(0);
            StringBuilder row = new StringBuilder("  ");
            String sev = String.format("%-10s", first.severity().label().toUpperCase());
            row.append(a.severity(first.severity(), sev)).append(String.format("%-9s", clean(first.ruleId())));
            int used = 2 + 10 + 9;
            if (columns) {
                for (String acct : accounts) {
                    long n = g.stream().filter(f -> f.resource().accountId().equals(acct)).count();
                    row.append(String.format("%-13s", n == 0 ? "·" : Long.toString(n)));
                    used += 13;
                }
            } else {
                row.append(String.format("%-10s", g.stream().map(f -> f.resource().accountId()).distinct().count()));
                used += 10;
            }
            row.append(cut(clean(first.title()), Math.max(20, WIDTH + 20 - used)));
            sb.append(row).append('\n');
        }
    }

    private static void rule(StringBuilder sb, List<Finding> group, Options o, Ansi a) {
        Finding first = group.get(0);
        if (o.details()) {
            sb.append('\n');
        }
        sb.append(a.severity(first.severity(), "✗ " + clean(first.ruleId()))).append("  ")
                .append(clean(first.title())).append("  [").append(first.severity().label())
                .append(group.size() > 1 ? ", " + group.size() + " resources" : "").append("]\n");
        if (o.details()) {
            sb.append("  why       ").append(wrap(first.rationale(), 12)).append('\n');
            if (!first.references().isEmpty()) {
                sb.append("  see       ").append(wrap(String.join("; ", first.references().stream()
                        .map(r -> r.kind().equals("doc") ? r.url() : r.title()).toList()), 12)).append('\n');
            }
        }
        if (o.details()) {
            for (Finding f : group) {
                sb.append("  • ").append(wrap(label(f.resource()) + ": " + f.message(), 4)).append('\n');
            }
        } else {
            resources(sb, group);
        }
        evidence(sb, group, o);
        fix(sb, group, o, a);
    }

    /**
     * One line per failing resource with its own problem; resources whose problem reads the same but for their
     * names, account and region, and the details in parentheses or after a colon, share a line.
     */
    private static void resources(StringBuilder sb, List<Finding> group) {
        Map<String, List<Finding>> same = new LinkedHashMap<>();
        for (Finding f : group) {
            String m = firstSentence(f.message());
            String generic = headline(f.resource(), m);
            same.computeIfAbsent(generic.equals(m) ? m + "\u0000" + f.resource() : generic, k -> new ArrayList<>())
                    .add(f);
        }
        for (Map.Entry<String, List<Finding>> e : same.entrySet()) {
            List<Finding> fs = e.getValue();
            String text;
            if (fs.size() == 1) {
                Finding f = fs.get(0);
                String m = firstSentence(f.message());
                text = m.contains(name(f.resource())) ? m : label(f.resource()) + ": " + m;
            } else {
                boolean accounts = fs.stream().allMatch(f -> f.resource().type().equals(ResourceRef.ACCOUNT_TYPE));
                text = (accounts ? "accounts " : "") + String.join(", ", fs.stream().map(f -> shortLabel(f.resource()))
                        .toList()) + ": " + e.getKey();
            }
            sb.append(line("  • " + text, false)).append('\n');
        }
    }

    private static final java.util.regex.Pattern PARENTHESISED = java.util.regex.Pattern.compile(" \\([^()]*\\)");

    /**
     * A resource's problem with what is its own taken out: its id, name, account and (for a region) region become
     * {@code …}; parenthesised details and the details after the first colon are dropped.
     */
    private static String headline(ResourceRef r, String message) {
        String m = message.replace(clean(r.id()), "…").replace(name(r), "…").replace(clean(r.accountId()), "…");
        if (r.type().equals(ResourceRef.REGION_TYPE)) {
            m = m.replace(clean(r.region()), "…");
        }
        m = PARENTHESISED.matcher(m).replaceAll("");
        int colon = m.indexOf(": ");
        return colon > 0 ? m.substring(0, colon) : m;
    }

    /** {@code 111111111111} for an account, {@code 111111111111 eu-west-1} for a region, else the name. */
    private static String shortLabel(ResourceRef r) {
        if (r.type().equals(ResourceRef.ACCOUNT_TYPE)) {
            return clean(r.accountId());
        }
        if (r.type().equals(ResourceRef.REGION_TYPE)) {
            return clean(r.accountId()) + " " + clean(r.region());
        }
        return name(r);
    }

    private static void evidence(StringBuilder sb, List<Finding> group, Options o) {
        Set<String> lines = new LinkedHashSet<>();
        for (Finding f : group) {
            for (Evidence e : f.evidence()) {
                lines.add(describe(e, !o.details()) + (group.size() > 1 && o.details() ? " [" + clean(e.resource()) + "]" : ""));
            }
        }
        String head = "    found     ";
        if (!o.details()) {
            // compact: one line, the first fact and how many more
            if (!lines.isEmpty()) {
                String more = lines.size() > 1 ? "  (+" + (lines.size() - 1) + " more)" : "";
                sb.append(cut(head + lines.iterator().next(), WIDTH - more.length())).append(more).append('\n');
            }
            return;
        }
        for (String l : lines) {
            sb.append(head).append(wrap(l, 14)).append('\n');
            head = "              ";
        }
    }

    /** What was found, then what the failing requirement asks for. */
    private static String describe(Evidence e, boolean compact) {
        String value = e.value() == null ? "(absent)" : clean(e.value());
        return clean(e.path()) + " = " + (compact ? middle(value.replaceAll("\\s+", " "), 48) : value) + "; required: "
                + clean(e.expected());
    }

    /**
     * The fix once per rule: the lines every resource's fix shares, then for each resource the lines of its own fix
     * that differ (its names and values).
     */
    private static void fix(StringBuilder sb, List<Finding> group, Options o, Ansi a) {
        Map<Finding, List<String>> lines = new LinkedHashMap<>();
        for (Finding f : group) {
            if (f.fix() != null) {
                lines.put(f, fixLines(fixText(f), o, a));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        List<String> common = new ArrayList<>(lines.values().iterator().next());
        lines.values().forEach(common::retainAll);
        String head = "    fix       ";
        for (String l : common) {
            sb.append(head).append(l).append('\n');
            head = "              ";
        }
        if (lines.size() == 1 || lines.values().stream().allMatch(l -> l.size() == common.size())) {
            return;
        }
        List<String> firstLines = lines.values().iterator().next();
        boolean oneInFull = false; // compact, three or more: one resource's own fix in full; the others' named
        List<String> more = new ArrayList<>();
        for (Map.Entry<Finding, List<String>> e : lines.entrySet()) {
            List<String> own = e.getValue().stream().filter(l -> !common.contains(l)).toList();
            if (own.isEmpty()) {
                continue;
            }
            String who = "for " + label(e.getKey().resource());
            Map<String, String> values = e.getValue() == firstLines || o.details() ? null
                    : substitution(firstLines, e.getValue());
            if (values != null) {
                List<String> pairs = new ArrayList<>();
                values.forEach((from, to) -> pairs.add(from + " → " + to));
                sb.append(head).append(wrap(who + ": the same with " + String.join(", ", pairs), 16))
                        .append('\n');
            } else if (!o.details() && oneInFull && lines.size() > 2) {
                more.add(shortLabel(e.getKey().resource()));
                continue;
            } else if (!o.details() && own.get(0).equals(e.getValue().get(0))) {
                // compact: the resource and its own summary on one line, then its commands
                String summary = own.get(0);
                String same = "in " + who.substring("for ".length()) + ", ";
                // "for account A: in account A, eu-west-1: …" says A once: "for account A, in eu-west-1: …"
                String both = line(who + (summary.startsWith(same) ? ", in " + summary.substring(same.length())
                        : ": " + summary), false);
                sb.append(head).append(a.dim(who)).append(both.substring(who.length())).append('\n');
                own.subList(1, own.size()).forEach(l -> sb.append("                ").append(l).append('\n'));
                oneInFull = true;
            } else {
                sb.append(head).append(a.dim(who + ":")).append('\n');
                own.forEach(l -> sb.append("                ").append(l).append('\n'));
                oneInFull = true;
            }
            head = "              ";
        }
        if (!more.isEmpty()) {
            sb.append(line(head + "and for " + String.join(", ", more) + ": --details or --fix-script", false))
                    .append('\n');
        }
    }

    /** Separators of the values in a fix line: whitespace and the punctuation of ARNs, paths and shorthand. */
    private static final java.util.regex.Pattern VALUE_EDGE =
            java.util.regex.Pattern.compile("(?<=[\\s:/,;=\"'.])|(?=[\\s:/,;=\"'.])");

    /**
     * The values that turn one fix into another ({@code prod-audit → dev-trail, eu-west-1 → us-east-1}), or
     * {@code null} when the two differ in more than values: other lines, or one value replaced in two ways.
     */
    private static Map<String, String> substitution(List<String> from, List<String> to) {
        if (from.size() != to.size()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < from.size(); i++) {
            String[] a = VALUE_EDGE.split(from.get(i));
            String[] b = VALUE_EDGE.split(to.get(i));
            if (a.length != b.length) {
                return null;
            }
            for (int j = 0; j < a.length; j++) {
                String before = map.putIfAbsent(a[j], b[j]);
                if (before != null && !before.equals(b[j])) {
                    return null;
                }
            }
        }
        map.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
        return map.isEmpty() ? null : map;
    }

    /**
     * The summary, the steps (numbered, in --details or when there is no command) and the commands. In the compact
     * report a fix whose commands all run in one account and region names them before its summary instead of on a
     * comment line of their own (and not at all when that is the failing resource's own account and region).
     */
    private static List<String> fixLines(FixText fix, Options o, Ansi a) {
        List<String> out = new ArrayList<>();
        List<String> where = fix.commands().stream().filter(c -> c.startsWith("# in account ")).toList();
        String fold = !o.details() && where.size() == 1 ? where.get(0) : null;
        String summary = fold == null || fold.equals(fix.home()) ? fix.summary()
                : fold.substring(2) + ": " + fix.summary();
        out.add(o.details() ? wrap(summary, 14) : line(clean(summary), false));
        if (o.details() || fix.commands().isEmpty()) {
            int n = 1;
            for (String step : fix.steps()) {
                out.add(n++ + ". " + (o.details() ? wrap(step, 17) : line(clean(step), false)));
            }
        }
        if (o.details()) {
            fix.sources().forEach(n -> out.add(wrap(n, 14)));
        }
        for (String n : fix.notes()) {
            out.add(o.details() ? wrap(n, 14) : line(clean(n), false));
        }
        if (!o.details()) {
            // the variable's declaration line says which parameter to set; its note says it again
            out.removeIf(l -> fix.unset().stream().anyMatch(v -> l.startsWith(v + " is not set")));
        }
        for (String c : fix.commands()) {
            if (c.equals(fold) || (!o.details() && c.equals(fix.home()))) {
                continue; // named before the summary, or by the resource's own line
            }
            out.add(a.paint(Ansi.CYAN, c.startsWith("# ") ? clean(c) : "$ " + clean(c)));
        }
        return out;
    }

    /**
     * What the text report shows of a fix: the commands as a reader pastes them (account and region comment lines,
     * shell variables for unset parameters); notes saying which parameter nothing decided and why a fix has no
     * command (always shown); and where each decided parameter's value came from (with details).
     */
    private record FixText(String summary, List<String> steps, List<String> notes, List<String> sources,
                           List<String> commands, String home, List<String> unset) {
    }

    /** The one place the text report reads a {@link Fix}. */
    private static FixText fixText(Finding f) {
        Fix fix = f.fix();
        String home = "# in account " + f.resource().accountId() + ", " + f.resource().region();
        List<String> notes = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (var p : fix.params()) {
            if (p.isUnset()) {
                notes.add(p.name() + " is not set and the snapshot does not decide it: the commands use $"
                        + p.variable() + "; set --param " + p.name() + "=…");
            } else if (!p.source().equals("default")) {
                sources.add(p.name() + " = " + p.value() + " (" + p.source() + ")");
            }
        }
        if (fix.changes().isEmpty() && fix.manual() != null) {
            notes.add("no command makes this change: " + fix.manual());
        }
        List<String> unset = fix.params().stream().filter(p -> p.isUnset()).map(p -> p.name()).toList();
        return new FixText(fix.summary(), fix.steps(), notes, sources, fix.script(), home, unset);
    }

    /** What could not be checked, by rule: one line per resource with its reason (compact), or the whole reason. */
    private static void unknown(StringBuilder sb, ScanResult result, Options o, Ansi a) {
        List<Finding> unknown = result.findings().stream().filter(f -> f.status() == Status.UNKNOWN).toList();
        if (unknown.isEmpty()) {
            return;
        }
        sb.append("\n== COULD NOT CHECK (").append(unknown.size()).append(") ").append("=".repeat(44)).append('\n');
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        unknown.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
        for (List<Finding> fs : byRule.values()) {
            Finding first = fs.get(0);
            sb.append(a.paint(Ansi.YELLOW, "? " + clean(first.ruleId()))).append("  ").append(clean(first.title()))
                    .append('\n');
            for (Finding f : fs) {
                String reason = f.unknown().code() + ": " + f.unknown().detail();
                String who = label(f.resource()) + (f.isSuppressed() ? " (suppressed)" : "");
                if (o.details()) {
                    sb.append("  • ").append(who).append('\n').append("    ").append(wrap(reason, 4)).append('\n');
                } else {
                    sb.append(line("  • " + who + ": " + clean(reason), false)).append('\n');
                }
            }
        }
    }

    private static void suppressed(StringBuilder sb, ScanResult result, Ansi a) {
        List<Finding> suppressed = result.findings().stream().filter(Finding::isSuppressed).toList();
        if (suppressed.isEmpty()) {
            return;
        }
        sb.append('\n').append(a.dim("== SUPPRESSED (" + suppressed.size() + ") " + "=".repeat(47))).append('\n');
        for (Finding f : suppressed) {
            sb.append(a.dim("~ " + clean(f.ruleId()) + "  " + label(f.resource()) + "  [" + f.status() + ", "
                    + f.severity().label() + "]")).append('\n');
            sb.append("    ").append(wrap(f.suppression().reason(), 4)).append(" (until ")
                    .append(f.suppression().expires() == null ? "no expiry" : f.suppression().expires().toString())
                    .append("; ").append(clean(f.suppression().source())).append(")\n");
        }
    }

    /** {@code dev-trail (Trail, 444444444444 us-east-1)}, or {@code account 111111111111}. */
    private static String label(ResourceRef r) {
        if (r.type().equals(ResourceRef.ACCOUNT_TYPE)) {
            return "account " + clean(r.accountId());
        }
        String type = r.type().substring(r.type().lastIndexOf(':') + 1);
        if (r.type().equals(ResourceRef.REGION_TYPE)) {
            return "account " + clean(r.accountId()) + " in " + clean(r.region());
        }
        return name(r) + " (" + clean(type) + ", " + clean(r.accountId())
                + (r.region().equals("global") ? "" : " " + clean(r.region())) + ")";
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

    /** Untrusted text made safe for a terminal. */
    private static String clean(String s) {
        return TerminalText.sanitize(s);
    }

    /** The first sentence of a message (up to the first ". " or the end). */
    private static String firstSentence(String message) {
        return Reports.firstSentence(clean(message));
    }

    /** The name in a resource's id: the part after its last {@code /} (or {@code :} in an ARN). */
    private static String name(ResourceRef r) {
        return clean(Reports.name(r.id()));
    }

    /** At most {@code max} code points: the head and tail of a longer text around an ellipsis. */
    private static String middle(String s, int max) {
        int n = s.codePointCount(0, s.length());
        if (n <= max) {
            return s;
        }
        int head = max * 2 / 3;
        int tail = max - head - 1;
        return s.substring(0, s.offsetByCodePoints(0, head)) + "…" + s.substring(s.offsetByCodePoints(0, n - tail));
    }

    /** One line of at most {@link #WIDTH} columns (unless {@code whole}), ending in an ellipsis when cut. */
    private static String line(String text, boolean whole) {
        String one = text.replaceAll("\\s*\n\\s*", " ");
        return whole ? one : cut(one, WIDTH);
    }

    private static String cut(String s, int max) {
        return Reports.cut(s, max);
    }

    private static String wrap(String text, int indent) {
        StringBuilder sb = new StringBuilder();
        int col = indent;
        for (String word : clean(text).strip().split("\\s+")) {
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
