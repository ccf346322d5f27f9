package io.trailguard.core.report;

import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Reference;
import io.trailguard.core.ScanResult;
import java.util.List;
import java.util.Objects;

/**
 * One row per finding, for spreadsheets: RFC 4180 (CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled), a header row, UTF-8. Safe to open in a spreadsheet: a cell that starts with {@code = + - @}, a tab
 * or a carriage return is prefixed with {@code '} so that no snapshot text runs as a formula (OWASP "CSV
 * Injection"). Control characters other than tab and line feed are escaped ({@link TerminalText}), so that
 * {@code cat findings.csv} is safe too.
 *
 * @since 0.1.0
 */
public final class CsvReport {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("rule_id", "status", "severity", "suppressed", "account_id",
            "region", "resource_type", "resource_id", "title", "message", "evidence", "fix_summary", "fix_commands",
            "unknown_reason", "suppression_reason", "references");

    private CsvReport() {
    }

    /** Renders every finding of the result, in the result's order. */
    public static String render(ScanResult result) {
        StringBuilder sb = new StringBuilder();
        row(sb, COLUMNS);
        for (Finding f : result.findings()) {
            row(sb, List.of(f.ruleId(), f.status().name(), f.severity().label(), f.isSuppressed() ? "true" : "false",
                    f.resource().accountId(), f.resource().region(), f.resource().type(), f.resource().id(), f.title(),
                    f.message(), String.join("\n", f.evidence().stream().map(Evidence::describe).toList()),
                    f.fix() == null ? "" : f.fix().summary(),
                    f.fix() == null ? "" : String.join("\n", f.fix().cli()),
                    f.unknown() == null ? "" : f.unknown().code() + ": " + f.unknown().detail(),
                    f.suppression() == null ? "" : f.suppression().reason(),
                    String.join(" ", f.references().stream().map(Reference::url).filter(Objects::nonNull).toList())));
        }
        return sb.toString();
    }

    /** One record: the cells defused and quoted, comma-separated, CRLF-terminated. */
    static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** One field: defused against formulas, then quoted when RFC 4180 requires it. */
    static String cell(String value) {
        String v = value == null ? "" : TerminalText.sanitize(value); // safe to cat on a terminal too
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
