package io.trailguard.core.report;

import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JUnit XML report, for CI systems that show test results: one {@code <testsuite>} per rule, one
 * {@code <testcase>} per rule and resource ({@code classname} the rule id, {@code name} the resource id with its
 * account and region). A failure is a {@code <failure>} whose {@code type} is the severity and whose text holds the
 * message, the evidence and the fix; an undecided or suppressed finding is {@code <skipped>}; a finding that does not
 * apply is left out. All text is XML-escaped and characters XML 1.0 cannot carry are replaced with U+FFFD.
 *
 * @since 0.1.0
 */
public final class JunitReport {
    private JunitReport() {
    }

    /** The report as an XML document. */
    public static String render(ScanResult result) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            if (f.status() != Status.NOT_APPLICABLE) {
                byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
            }
        }
        String time = result.capturedAt().toString();
        StringBuilder body = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
            List<Finding> fs = e.getValue();
            int f = (int) fs.stream().filter(Finding::isOpenFailure).count();
            int s = (int) fs.stream().filter(x -> x.isSuppressed() || x.status() == Status.UNKNOWN).count();
            tests += fs.size();
            failures += f;
            skipped += s;
            body.append("  <testsuite name=\"").append(attr(e.getKey() + " " + fs.get(0).title()))
                    .append("\" tests=\"").append(fs.size()).append("\" failures=\"").append(f)
                    .append("\" errors=\"0\" skipped=\"").append(s).append("\" timestamp=\"").append(attr(time))
                    .append("\">\n");
            for (Finding x : fs) {
                testcase(body, x);
            }
            body.append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trailguard\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" timestamp=\""
                + attr(time) + "\">\n" + body + "</testsuites>\n";
    }

    private static void testcase(StringBuilder sb, Finding f) {
        ResourceRef r = f.resource();
        sb.append("    <testcase classname=\"").append(attr(f.ruleId())).append("\" name=\"")
                .append(attr(r.id() + " [" + r.accountId() + "/" + r.region() + "]")).append("\" time=\"0\"");
        if (f.status() == Status.PASS && !f.isSuppressed()) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        if (f.isSuppressed()) {
            sb.append("      <skipped message=\"").append(attr("suppressed (" + f.status() + "): "
                    + f.suppression().reason())).append("\">").append(text(details(f))).append("</skipped>\n");
        } else if (f.status() == Status.FAIL) {
            sb.append("      <failure message=\"").append(attr(f.message())).append("\" type=\"")
                    .append(f.severity().label()).append("\">").append(text(details(f))).append("</failure>\n");
        } else {
            sb.append("      <skipped message=\"").append(attr("could not check: " + f.unknown().code() + ": "
                    + f.unknown().detail())).append("\"/>\n");
        }
        sb.append("    </testcase>\n");
    }

    private static String details(Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.message()).append('\n');
        if (f.suppression() != null) {
            sb.append("Suppressed: ").append(f.suppression().reason())
                    .append(f.suppression().expires() == null ? "" : " (until " + f.suppression().expires() + ")")
                    .append(" [").append(f.suppression().source()).append("]\n");
        }
        sb.append("Resource: ").append(f.resource().id()).append(" (").append(f.resource().type()).append(")\n");
        if (!f.evidence().isEmpty()) {
            sb.append("Evidence:\n");
            for (Evidence e : f.evidence()) {
                sb.append("  ").append(e.describe()).append('\n');
            }
        }
        Fix fix = f.fix();
        if (fix != null) {
            sb.append("Fix: ").append(fix.summary()).append('\n');
            int n = 1;
            for (String s : fix.steps()) {
                sb.append("  ").append(n++).append(". ").append(s).append('\n');
            }
            for (String c : fix.cli()) {
                sb.append("  $ ").append(c).append('\n');
            }
        }
        return sb.toString();
    }

    /** Escapes text content. */
    static String text(String s) {
        return escape(s, false);
    }

    /** Escapes an attribute value (quotes, and line breaks and tabs as character references so they survive). */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean legal = c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000;
                    if (legal) {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }
}
