package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and formula defusing, read back by a strict RFC 4180 reader. */
class CsvReportTest {
    @Test
    void cellsAreQuotedAndDefused() {
        assertEquals("plain", CsvReport.cell("plain"));
        assertEquals("\"a,b\"", CsvReport.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReport.cell("say \"hi\""));
        assertEquals("\"line\nbreak\"", CsvReport.cell("line\nbreak"));
        assertEquals("red\\x1b[31m", CsvReport.cell("red\u001b[31m"), "no terminal escapes");
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvReport.cell("=HYPERLINK(\"x\")"));
        for (String s : List.of("+1", "-1+2", "@SUM(A1)", "\tx")) {
            assertTrue(CsvReport.cell(s).replaceFirst("^\"", "").startsWith("'"), s);
        }
    }

    @Test
    void everyRowHasEveryColumnWhenReadBack() {
        String csv = CsvReport.render(ReportFixtures.awkward());
        List<List<String>> rows = parse(csv);
        assertEquals(3, rows.size(), "header and one row per finding");
        rows.forEach(r -> assertEquals(CsvReport.COLUMNS.size(), r.size(), r.toString()));
        assertEquals(CsvReport.COLUMNS, rows.get(0));
        assertTrue(rows.get(1).get(9).startsWith("Message </script>"), rows.get(1).get(9));
        assertTrue(csv.endsWith("\r\n"));
    }

    /** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records). */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
