package io.trailguard.core.report;

import io.trailguard.core.EvaluatedRule;
import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The HTML report: one self-contained file (inline CSS and script, no external assets, works offline).
 *
 * <p>It opens on the summary by status and severity and the findings, failures first and most severe first, each
 * an expandable row with its evidence and fix (commands with copy buttons); passing and not-applicable findings are
 * behind a toggle; a search box and filters by severity, account, region, status and rule run in plain script. Given
 * the snapshot, it then draws each account's audit pipeline ({@link PipelineDiagram}); then failures by account and
 * by topic (the rule id's prefix) as inline SVG bar charts and an account × topic matrix coloured by the worst
 * outcome. The JSON report is embedded in a {@code <script type="application/json">} block. Every text from
 * the snapshot or the rules is HTML-escaped, and the embedded JSON escapes {@code <}, {@code >} and {@code &}, so a
 * resource name cannot close the script or inject markup. The counts equal the JSON report's summary.
 *
 * @since 0.1.0
 */
public final class HtmlReport {
    /** The outcomes the page distinguishes, worst first: a suppressed failure is its own state. */
    static final List<String> STATES = List.of("FAIL", "UNKNOWN", "SUPPRESSED", "PASS", "NOT_APPLICABLE");

    private HtmlReport() {
    }

    /**
     * Renders the page.
     *
     * @param title the page title, usually naming the snapshot
     */
    public static String render(ScanResult result, String title) {
        return render(result, title, null);
    }

    /**
     * Renders the page with the picture of each account's audit pipeline, drawn from the snapshot's relations.
     *
     * @param title    the page title, usually naming the snapshot
     * @param snapshot the snapshot the result came from, or {@code null} for a page without the picture
     */
    public static String render(ScanResult result, String title, Snapshot snapshot) {
        List<Finding> ordered = worstFirst(result.findings());
        Map<Finding, Integer> anchors = new java.util.IdentityHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            anchors.put(ordered.get(i), i);
        }
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header><h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(result.accounts().size()).append(" account(s), ").append(result.resourceCount())
                .append(" resource(s), ").append(result.rulesEvaluated()).append(" rule(s); captured ")
                .append(esc(result.capturedAt().toString())).append("</p>\n");
        if (!result.collectionErrors().isEmpty()) {
            sb.append("<p class=\"warn\">").append(result.collectionErrors().size())
                    .append(" API call(s) failed during collection; rules that need what they would have read "
                            + "report UNKNOWN.</p>\n");
        }
        sb.append("</header>\n<main>\n");
        summary(sb, result);
        findings(sb, result, ordered);
        if (snapshot != null) {
            PipelineDiagram.render(sb, snapshot, result, anchors);
        }
        charts(sb, result);
        matrix(sb, result);
        sb.append("</main>\n<script type=\"application/json\" id=\"tg-data\">")
                .append(scriptSafeJson(JsonReport.render(result).strip())).append("</script>\n<script>\n")
                .append(JS).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void summary(StringBuilder sb, ScanResult result) {
        Map<Status, Integer> by = result.countByStatus();
        sb.append("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">\n");
        card(sb, "findings", "findings", result.findings().size());
        card(sb, "FAIL", "failed", by.get(Status.FAIL));
        card(sb, "suppressed", "of them suppressed", result.suppressedCount());
        card(sb, "PASS", "passed", by.get(Status.PASS));
        card(sb, "UNKNOWN", "could not check", by.get(Status.UNKNOWN));
        card(sb, "NOT_APPLICABLE", "not applicable", by.get(Status.NOT_APPLICABLE));
        sb.append("</div>\n<div class=\"cards\">\n");
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            card(sb, "sev-" + s.label(), s.label() + " (unsuppressed failures)", result.failuresBySeverity().get(s));
        }
        sb.append("</div></section>\n");
    }

    private static void card(StringBuilder sb, String key, String label, int n) {
        sb.append("<div class=\"card c-").append(esc(key)).append("\"><span class=\"n\" data-count=\"")
                .append(esc(key)).append("\">").append(n).append("</span><span class=\"l\">").append(esc(label))
                .append("</span></div>\n");
    }

    private static void charts(StringBuilder sb, ScanResult result) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            bySeverity.put(Severity.values()[i].label(), result.failuresBySeverity().get(Severity.values()[i]));
        }
        Map<String, Integer> byAccount = new TreeMap<>();
        Map<String, Integer> byTopic = new TreeMap<>();
        result.accounts().forEach(a -> byAccount.put(a, 0));
        for (Finding f : result.findings()) {
            byTopic.putIfAbsent(Reports.topic(f.ruleId()), 0);
            byAccount.putIfAbsent(f.resource().accountId(), 0);
            if (f.isOpenFailure()) {
                byAccount.merge(f.resource().accountId(), 1, Integer::sum);
                byTopic.merge(Reports.topic(f.ruleId()), 1, Integer::sum);
            }
        }
        sb.append("<section id=\"charts\"><h2>Unsuppressed failures</h2>\n<div class=\"charts\">\n");
        bars(sb, "By severity", bySeverity, true);
        bars(sb, "By account", byAccount, false);
        bars(sb, "By topic", byTopic, false);
        sb.append("</div></section>\n");
    }

    private static void bars(StringBuilder sb, String caption, Map<String, Integer> data, boolean severityColours) {
        int max = Math.max(1, data.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        int rowH = 22;
        int h = Math.max(rowH, data.size() * rowH);
        sb.append("<figure><figcaption>").append(esc(caption)).append("</figcaption>\n<svg role=\"img\" ")
                .append("width=\"340\" height=\"").append(h).append("\" viewBox=\"0 0 340 ").append(h)
                .append("\" aria-label=\"").append(esc(caption)).append("\">\n");
        int y = 0;
        for (Map.Entry<String, Integer> e : data.entrySet()) {
            int w = e.getValue() * 180 / max;
            sb.append("<text x=\"0\" y=\"").append(y + 15).append("\" class=\"lbl\">").append(esc(e.getKey()))
                    .append("</text><rect x=\"110\" y=\"").append(y + 3).append("\" width=\"").append(w)
                    .append("\" height=\"16\" class=\"bar").append(severityColours ? " s-" + esc(e.getKey()) : "")
                    .append("\"/><text x=\"").append(116 + w).append("\" y=\"").append(y + 15)
                    .append("\" class=\"val\">").append(e.getValue()).append("</text>\n");
            y += rowH;
        }
        sb.append("</svg></figure>\n");
    }

    private static void matrix(StringBuilder sb, ScanResult result) {
        TreeSet<String> accounts = new TreeSet<>(result.accounts());
        TreeSet<String> topics = new TreeSet<>();
        Map<String, String> worst = new TreeMap<>();
        Map<String, Integer> fails = new TreeMap<>();
        for (Finding f : result.findings()) {
            String t = Reports.topic(f.ruleId());
            accounts.add(f.resource().accountId());
            topics.add(t);
            String key = f.resource().accountId() + "|" + t;
            String st = state(f);
            worst.merge(key, st, (a, b) -> STATES.indexOf(a) <= STATES.indexOf(b) ? a : b);
            if (f.isOpenFailure()) {
                fails.merge(key, 1, Integer::sum);
            }
        }
        for (EvaluatedRule r : result.rules()) { // subjects a rule does not apply to, without a finding
            String t = Reports.topic(r.id());
            for (ResourceRef ref : r.omittedNotApplicable()) {
                accounts.add(ref.accountId());
                topics.add(t);
                worst.putIfAbsent(ref.accountId() + "|" + t, Status.NOT_APPLICABLE.name());
            }
        }
        sb.append("<section id=\"matrix\"><h2>Accounts × topics (worst outcome)</h2>\n<table class=\"matrix\">")
                .append("<thead><tr><th>account</th>");
        topics.forEach(t -> sb.append("<th>").append(esc(t)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (String a : accounts) {
            sb.append("<tr><th>").append(esc(a)).append("</th>");
            for (String t : topics) {
                String st = worst.get(a + "|" + t);
                if (st == null) {
                    sb.append("<td class=\"m-none\">–</td>");
                } else {
                    int n = fails.getOrDefault(a + "|" + t, 0);
                    sb.append("<td class=\"m-").append(st).append("\" title=\"").append(esc(a + " " + t + ": " + st))
                            .append("\">").append(st.equals("FAIL") ? n + " failing" : label(st)).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></section>\n");
    }

    /** Failures first, then unknown, suppressed, passing and not applicable; most severe first within each. */
    private static List<Finding> worstFirst(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(java.util.Comparator.<Finding>comparingInt(f -> STATES.indexOf(state(f)))
                .thenComparing(f -> -f.severity().ordinal()));
        return out;
    }

    private static void findings(StringBuilder sb, ScanResult result, List<Finding> ordered) {
        List<String> sevs = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            sevs.add(Severity.values()[i].label());
        }
        TreeSet<String> accounts = new TreeSet<>();
        TreeSet<String> regions = new TreeSet<>();
        List<String> rules = new ArrayList<>(Reports.firstByRule(result.findings()).keySet());
        for (Finding f : result.findings()) {
            accounts.add(f.resource().accountId());
            regions.add(f.resource().region());
        }
        sb.append("<section id=\"findings\"><h2>Findings</h2>\n<form id=\"filters\" class=\"filters\">\n");
        filter(sb, "severity", sevs);
        filter(sb, "account", new ArrayList<>(accounts));
        filter(sb, "region", new ArrayList<>(regions));
        filter(sb, "status", STATES);
        filter(sb, "rule", rules);
        sb.append("<label>search <input type=\"search\" id=\"search\" placeholder=\"rule, resource, account, text\">"
                + "</label>\n<label><input type=\"checkbox\" id=\"show-passed\"> show passing and not applicable"
                + "</label>\n");
        sb.append("<button type=\"reset\" id=\"reset\">Show all</button>\n<span class=\"shown\"><span id=\"visible-count\">")
                .append(result.findings().size()).append("</span> of ").append(result.findings().size())
                .append(" shown</span>\n</form>\n<div id=\"rows\">\n");
        int i = 0;
        for (Finding f : ordered) {
            row(sb, f, i++);
        }
        sb.append("</div></section>\n");
    }

    private static void filter(StringBuilder sb, String name, List<String> values) {
        sb.append("<label>").append(name).append(" <select name=\"").append(name).append("\" data-filter=\"")
                .append(name).append("\"><option value=\"\">all</option>");
        for (String v : values) {
            sb.append("<option value=\"").append(esc(v)).append("\">").append(esc(label(v))).append("</option>");
        }
        sb.append("</select></label>\n");
    }

    private static void row(StringBuilder sb, Finding f, int index) {
        ResourceRef r = f.resource();
        String st = state(f);
        sb.append("<details class=\"finding st-").append(st).append("\" id=\"f").append(index)
                .append("\" data-severity=\"").append(f.severity().label()).append("\" data-account=\"")
                .append(esc(r.accountId())).append("\" data-region=\"").append(esc(r.region()))
                .append("\" data-status=\"").append(st).append("\" data-rule=\"").append(esc(f.ruleId()))
                .append("\">\n<summary><span class=\"badge st-").append(st).append("\">").append(label(st))
                .append("</span> <span class=\"sev s-").append(f.severity().label()).append("\">")
                .append(f.severity().label()).append("</span> <b>").append(esc(f.ruleId())).append("</b> ")
                .append(esc(f.title())).append(" <span class=\"res\">").append(esc(r.id())).append(" · ")
                .append(esc(r.accountId())).append(" · ").append(esc(r.region())).append("</span></summary>\n")
                .append("<div class=\"body\">\n<p class=\"msg\">").append(esc(f.message())).append("</p>\n");
        if (f.suppression() != null) {
            sb.append("<p class=\"supp\">Suppressed: ").append(esc(f.suppression().reason()))
                    .append(f.suppression().expires() == null ? "" : " (until " + f.suppression().expires() + ")")
                    .append(" <code>").append(esc(f.suppression().source())).append("</code></p>\n");
        }
        if (f.unknown() != null) {
            sb.append("<p class=\"unk\">Could not check (").append(f.unknown().code()).append("): ")
                    .append(esc(f.unknown().detail())).append("</p>\n");
        }
        sb.append("<p class=\"why\"><b>Why it matters.</b> ").append(esc(f.rationale())).append("</p>\n")
                .append("<p class=\"rtype\">").append(esc(r.type())).append("</p>\n");
        if (!f.evidence().isEmpty()) {
            sb.append("<h4>Evidence</h4>\n<table class=\"ev\"><tr><th>resource</th><th>path</th><th>value</th>")
                    .append("<th>expected</th></tr>\n");
            for (Evidence e : f.evidence()) {
                sb.append("<tr><td>").append(esc(e.resource())).append("</td><td><code>").append(esc(e.path()))
                        .append("</code></td><td><code>").append(e.value() == null ? "(absent)" : esc(e.value()))
                        .append("</code></td><td>").append(esc(e.expected())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        Fix fix = f.fix();
        if (fix != null) {
            sb.append("<h4>Fix</h4>\n<p>").append(esc(fix.summary())).append("</p>\n");
            if (!fix.steps().isEmpty()) {
                sb.append("<ol>");
                fix.steps().forEach(s -> sb.append("<li>").append(esc(s)).append("</li>"));
                sb.append("</ol>\n");
            }
            for (var p : fix.params()) {
                if (!p.source().equals("default")) {
                    sb.append("<p>").append(esc(p.isUnset() ? p.name() + " is not set and the snapshot does not decide it: "
                            + "the commands use $" + p.variable() + "; set --param " + p.name() + "=…"
                            : p.name() + " = " + p.value() + " (" + p.source() + ")")).append("</p>\n");
                }
            }
            if (!fix.script().isEmpty()) {
                // one block per fix: the account comments, the variable declarations and the commands, copied together
                sb.append("<div class=\"cmd\"><pre><code>").append(esc(String.join("\n", fix.script())))
                        .append("</code></pre><button type=\"button\" class=\"copy\">Copy</button></div>\n");
            }
        }
        if (!f.references().isEmpty()) {
            sb.append("<h4>References</h4>\n<ul class=\"refs\">");
            for (Reference ref : f.references()) {
                sb.append("<li>");
                if (Reports.isWebUri(ref.url())) {
                    sb.append("<a href=\"").append(esc(ref.url())).append("\" rel=\"noopener noreferrer\">")
                            .append(esc(ref.title())).append("</a>");
                } else {
                    sb.append(esc(ref.title()));
                }
                sb.append("</li>");
            }
            sb.append("</ul>\n");
        }
        sb.append("</div>\n</details>\n");
    }

    static String state(Finding f) {
        return f.isSuppressed() ? "SUPPRESSED" : f.status().name();
    }

    private static String label(String state) {
        return switch (state) {
            case "FAIL" -> "fail";
            case "PASS" -> "pass";
            case "UNKNOWN" -> "unknown";
            case "SUPPRESSED" -> "suppressed";
            case "NOT_APPLICABLE" -> "n/a";
            default -> state;
        };
    }

    /** Escapes text for HTML content and double- or single-quoted attributes. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JSON that can sit inside a script element: {@code <}, {@code >} and {@code &} (which occur only inside string
     * literals) become {@code \\u} escapes, as do U+2028 and U+2029, so no {@code </script>} or comment opener can
     * appear.
     */
    static String scriptSafeJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static final String CSS = """
            :root{--fg:#1d2430;--bg:#fff;--mut:#5b6575;--line:#d9dee6;--fail:#c62828;--unk:#b26a00;--pass:#2e7d32;\
            --supp:#6a5acd;--na:#8a94a3}
            *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);\
            background:var(--bg);margin:0 auto;max-width:1200px;padding:16px 24px}
            h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid var(--line)}\
            h4{margin:12px 0 4px}.meta{color:var(--mut)}.warn{color:var(--unk)}
            .cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}.card{border:1px solid var(--line);border-radius:6px;\
            padding:8px 12px;min-width:120px}.card .n{display:block;font-size:22px;font-weight:600}.card .l{color:var(--mut)}
            .c-FAIL .n{color:var(--fail)}.c-PASS .n{color:var(--pass)}.c-UNKNOWN .n{color:var(--unk)}\
            .c-suppressed .n{color:var(--supp)}
            .charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
            svg .lbl,svg .val{font-size:12px;fill:var(--fg)}svg .bar{fill:#5c7cfa}.s-critical{fill:#7f0000;background:#7f0000}\
            .s-high{fill:var(--fail);background:var(--fail)}.s-medium{fill:#ef6c00;background:#ef6c00}\
            .s-low{fill:#1e88e5;background:#1e88e5}.s-info{fill:var(--na);background:var(--na)}
            table{border-collapse:collapse}.matrix td,.matrix th{border:1px solid var(--line);padding:4px 10px;text-align:center}
            .m-FAIL{background:#fdecea;color:var(--fail);font-weight:600}.m-UNKNOWN{background:#fff4e0;color:var(--unk)}\
            .m-SUPPRESSED{background:#efedfb;color:var(--supp)}.m-PASS{background:#e8f5e9;color:var(--pass)}\
            .m-NOT_APPLICABLE,.m-none{color:var(--na)}
            .filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0 12px}.shown{color:var(--mut)}
            details.finding{border:1px solid var(--line);border-left:4px solid var(--na);border-radius:4px;margin:4px 0;\
            padding:4px 8px}details.st-FAIL{border-left-color:var(--fail)}details.st-UNKNOWN{border-left-color:var(--unk)}\
            details.st-PASS{border-left-color:var(--pass)}details.st-SUPPRESSED{border-left-color:var(--supp)}
            summary{cursor:pointer}.res{color:var(--mut);font-size:12px;word-break:break-all}
            .badge,.sev{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff;background:var(--na)}\
            .badge.st-FAIL{background:var(--fail)}.badge.st-PASS{background:var(--pass)}.badge.st-UNKNOWN{background:var(--unk)}\
            .badge.st-SUPPRESSED{background:var(--supp)}.sev.s-critical{background:#7f0000}.sev.s-high{background:var(--fail)}\
            .sev.s-medium{background:#ef6c00}.sev.s-low{background:#1e88e5}
            .body{padding:4px 0 8px 8px}.supp{color:var(--supp)}.unk{color:var(--unk)}.rtype{color:var(--mut);font-size:12px}
            .ev td,.ev th{border:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top;word-break:break-all}
            .cmd{display:flex;gap:6px;align-items:flex-start;margin:4px 0}.cmd pre{flex:1;margin:0;background:#f4f6f8;\
            padding:6px 8px;border-radius:4px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            [hidden]{display:none!important}
            #search{min-width:220px}.pl-account{margin:10px 0 18px}.pl-account h3{font-size:15px;margin:8px 0 4px}
            svg.pipeline{display:block;margin:4px 0;overflow:visible}svg.pipeline text{font-size:12px;fill:var(--fg)}
            .node rect{fill:#f4f6f8;stroke:var(--na);stroke-width:1.5}.node.n-FAIL rect{fill:#fdecea;stroke:var(--fail);\
            stroke-width:2}.node.n-UNKNOWN rect{fill:#fff4e0;stroke:var(--unk)}.node.n-PASS rect{fill:#e8f5e9;\
            stroke:var(--pass)}.node.n-SUPPRESSED rect{fill:#efedfb;stroke:var(--supp)}.node.n-missing rect{fill:#fff;\
            stroke-dasharray:4 3}
            .link{fill:none;stroke:#8a94a3;stroke-width:1.5}.link-FAIL{stroke:var(--fail);stroke-width:2.5;\
            stroke-dasharray:6 4}svg .marker{fill:var(--fail)}svg text.marker-n{fill:#fff;font-size:11px;font-weight:600}\
            svg a{cursor:pointer}ol.problems{margin:2px 0 8px;padding-left:22px;color:var(--fail)}\
            ol.problems li::marker{font-weight:600}ol.problems a{color:var(--fail);text-decoration:none}
            .chips{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0}.chip{border:1px solid var(--line);border-radius:12px;\
            padding:1px 8px;font-size:12px;text-decoration:none;color:var(--fg)}.chip.n-FAIL{border-color:var(--fail);\
            background:#fdecea}.chip.n-UNKNOWN{border-color:var(--unk);background:#fff4e0}
            """;

    private static final String JS = """
            (function () {
              'use strict';
              var data = JSON.parse(document.getElementById('tg-data').textContent);
              var rows = Array.prototype.slice.call(document.querySelectorAll('details.finding'));
              var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
              var shown = document.getElementById('visible-count');
              var search = document.getElementById('search');
              var showPassed = document.getElementById('show-passed');
              var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
              function apply() {
                var n = 0;
                var q = search.value.trim().toLowerCase();
                var status = document.querySelector('select[data-filter="status"]').value;
                rows.forEach(function (row, i) {
                  var st = row.getAttribute('data-status');
                  var ok = selects.every(function (s) {
                    return s.value === '' || row.getAttribute('data-' + s.getAttribute('data-filter')) === s.value;
                  }) && (status !== '' || showPassed.checked || (st !== 'PASS' && st !== 'NOT_APPLICABLE'))
                    && (q === '' || texts[i].indexOf(q) >= 0);
                  row.hidden = !ok;
                  if (ok) { n++; }
                });
                shown.textContent = String(n);
              }
              selects.forEach(function (s) { s.addEventListener('change', apply); });
              search.addEventListener('input', apply);
              showPassed.addEventListener('change', apply);
              function reveal(id) {
                var row = document.getElementById(id);
                if (!row) { return; }
                if (row.hidden) {
                  selects.forEach(function (s) { s.value = ''; });
                  search.value = ''; showPassed.checked = true; apply();
                }
                row.open = true;
                row.scrollIntoView({ block: 'start' });
              }
              // "Show all" clears the filters and the search and shows the passing findings too
              document.getElementById('filters').addEventListener('reset', function () {
                setTimeout(function () { showPassed.checked = true; apply(); }, 0);
              });
              function copy(text, button) {
                function done() { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); }
                if (navigator.clipboard && window.isSecureContext) {
                  navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
                } else { fallback(text); done(); }
              }
              function fallback(text) {
                var t = document.createElement('textarea');
                t.value = text; t.setAttribute('readonly', ''); t.style.position = 'absolute'; t.style.left = '-9999px';
                document.body.appendChild(t); t.select();
                try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
                document.body.removeChild(t);
              }
              document.addEventListener('click', function (e) {
                var b = e.target;
                if (b && b.classList && b.classList.contains('copy')) {
                  copy(b.parentNode.querySelector('code').textContent, b);
                  return;
                }
                var link = b && b.closest ? b.closest('[data-finding]') : null;
                if (link) { e.preventDefault(); reveal(link.getAttribute('data-finding')); }
              });
              window.trailguard = { data: data, apply: apply, reveal: reveal };
              apply();
            })();
            """;
}
