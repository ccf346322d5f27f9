package io.trailguard.core.report;

import static io.trailguard.core.report.HtmlReport.esc;

import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.OrganizationInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The picture of each account's audit pipeline for the HTML report, as inline SVG: trail → S3 bucket → KMS key on
 * one row, CloudWatch Logs group → metric filters → alarms → SNS topics below it, then the account's Config
 * recorders and its VPCs with their flow logs. The links come from the snapshot through the rule DSL's own
 * relations ({@link Relations}, read only), so the picture shows exactly what the rules saw. Each node is coloured
 * by the worst outcome of the findings on it; a link whose target has a failing finding, or that a finding on its
 * source says is broken, is drawn red with that finding's one-line problem; a click on a node or a red link opens
 * the finding. Organisation trails are drawn once, naming the accounts they cover.
 */
final class PipelineDiagram {
    private static final int COL = 235;
    private static final int BOX_W = 185;
    private static final int BOX_H = 34;
    private static final int ROW = 46;
    private static final int MAX_STACK = 6;
    /** Which configuration fields a finding on a trail must read to be about one of its links. */
    private static final Map<String, List<String>> LINK_FIELDS = Map.of(
            "bucket", List.of("S3BucketName", "LatestDeliveryError", "s3:PutObject"),
            "kmsKey", List.of("KmsKeyId", "kms:GenerateDataKey"),
            "logGroup", List.of("CloudWatchLogs", "logs:PutLogEvents"),
            "flowLogs", List.of("flowLogs", "FlowLog"));

    private final SnapshotIndex ix;
    private final Map<String, List<Finding>> byResource = new LinkedHashMap<>();
    private final Map<Finding, Integer> anchors;
    private final StringBuilder sb;

    private PipelineDiagram(Snapshot snapshot, ScanResult result, Map<Finding, Integer> anchors, StringBuilder sb) {
        this.ix = snapshot.index();
        this.anchors = anchors;
        this.sb = sb;
        for (Finding f : result.findings()) {
            byResource.computeIfAbsent(f.resource().id(), k -> new ArrayList<>()).add(f);
        }
    }

    /**
     * Appends the pipeline section.
     *
     * @param anchors the index of each finding's row in the page ({@code #f<index>})
     */
    static void render(StringBuilder sb, Snapshot snapshot, ScanResult result, Map<Finding, Integer> anchors) {
        new PipelineDiagram(snapshot, result, anchors, sb).render(result);
    }

    private void render(ScanResult result) {
        sb.append("<section id=\"pipeline\"><h2>Audit pipeline</h2>\n<p class=\"meta\">Each account's audit chain "
                + "as the rules see it. Red: a failing finding (a red link is a broken delivery); amber: could not "
                + "check; green: passing; grey: no finding. Click a box or a red link to open its finding.</p>\n");
        OrganizationInfo org = ix.organization();
        Map<ResourceNode, Set<String>> orgTrails = new LinkedHashMap<>();
        List<String> accounts = new ArrayList<>(new java.util.TreeSet<>(result.accounts()));
        for (String a : accounts) {
            for (ResourceNode t : relation("trails", account(a)).stream()
                    .filter(t -> t.configuration().path("IsOrganizationTrail").asBoolean(false)).toList()) {
                orgTrails.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(a);
            }
        }
        for (Map.Entry<ResourceNode, Set<String>> e : orgTrails.entrySet()) {
            sb.append("<div class=\"pl-account\" data-account=\"").append(esc(e.getKey().accountId()))
                    .append("\"><h3>Organisation trail ").append(esc(name(e.getKey().id())))
                    .append(org == null ? "" : " of " + esc(org.id())).append(" <span class=\"meta\">covers ")
                    .append(e.getValue().size()).append(" account(s): ").append(esc(String.join(", ", e.getValue())))
                    .append("</span></h3>\n");
            trail(e.getKey());
            sb.append("</div>\n");
        }
        for (String a : accounts) {
            AccountInfo info = ix.accounts().get(a);
            sb.append("<div class=\"pl-account\" data-account=\"").append(esc(a)).append("\"><h3>Account ")
                    .append(esc(a)).append(info != null && info.name() != null ? " (" + esc(info.name()) + ")" : "")
                    .append("</h3>\n");
            chips(a);
            boolean any = false;
            for (ResourceNode t : ix.ofType(SnapshotIndex.TRAIL, a)) {
                if (!orgTrails.containsKey(t)) {
                    trail(t);
                    any = true;
                }
            }
            if (!any) {
                sb.append("<p class=\"meta\">No trail of its own").append(orgTrails.values().stream()
                        .anyMatch(s -> s.contains(a)) ? "; logged by the organisation trail above" : "")
                        .append(".</p>\n");
            }
            recordersAndFlowLogs(a);
            sb.append("</div>\n");
        }
        sb.append("</section>\n");
    }

    /** The failing account- and region-wide findings of an account, as links to them. */
    private void chips(String account) {
        List<Finding> fs = new ArrayList<>();
        for (List<Finding> l : byResource.values()) {
            for (Finding f : l) {
                String t = f.resource().type();
                if (f.resource().accountId().equals(account) && f.status() != Status.PASS
                        && f.status() != Status.NOT_APPLICABLE
                        && (t.equals(ResourceRef.ACCOUNT_TYPE) || t.equals(ResourceRef.REGION_TYPE))) {
                    fs.add(f);
                }
            }
        }
        if (fs.isEmpty()) {
            return;
        }
        sb.append("<p class=\"chips\">");
        for (Finding f : fs) {
            String st = HtmlReport.state(f);
            sb.append("<a class=\"chip n-").append(st).append("\" href=\"#f").append(anchors.get(f))
                    .append("\" data-finding=\"f").append(anchors.get(f)).append("\" title=\"")
                    .append(esc(f.message())).append("\">").append(esc(f.ruleId())).append(" ")
                    .append(esc(cut(firstSentence(f.message()), 70))).append("</a> ");
        }
        sb.append("</p>\n");
    }

    /** One trail's chain: trail → bucket → key, and trail → log group → filters → alarms → topics. */
    private void trail(ResourceNode trail) {
        List<Box> boxes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Box t = box(trail, "trail", 0, 0);
        boxes.add(t);
        Box bucket = target(trail, t, "bucket", "bucket", 1, 0, trail.text("S3BucketName"), boxes, links);
        target(trail, bucket == null ? t : bucket, "kmsKey", "KMS key", 2, 0, trail.text("KmsKeyId"), boxes, links);
        Box group = target(trail, t, "logGroup", "log group", 1, 1, trail.text("CloudWatchLogsLogGroupArn"), boxes,
                links);
        int rows = 2;
        if (group != null && group.node != null) {
            List<ResourceNode> filters = relation("metricFilters", group.node);
            int y = 1;
            for (ResourceNode mf : filters.subList(0, Math.min(MAX_STACK, filters.size()))) {
                Box fb = box(mf, "filter", 2, y);
                boxes.add(fb);
                links.add(new Link(group, fb, null));
                List<ResourceNode> alarms = relation("alarms", mf);
                int ay = y;
                for (ResourceNode al : alarms.subList(0, Math.min(2, alarms.size()))) {
                    Box ab = box(al, "alarm", 3, ay);
                    boxes.add(ab);
                    links.add(new Link(fb, ab, null));
                    List<ResourceNode> topics = relation("snsTopics", al);
                    for (ResourceNode tp : topics.subList(0, Math.min(1, topics.size()))) {
                        Box tb = box(tp, "topic", 4, ay);
                        boxes.add(tb);
                        links.add(new Link(ab, tb, null));
                    }
                    ay++;
                }
                y = Math.max(y + 1, ay);
            }
            if (filters.size() > MAX_STACK) {
                boxes.add(new Box(null, "+" + (filters.size() - MAX_STACK) + " more filters", "", 2, y, "none", null));
                y++;
            }
            if (filters.isEmpty()) {
                boxes.add(new Box(null, "no metric filter", "", 2, 1, "missing", null));
            }
            rows = Math.max(rows, y);
        }
        svg(boxes, links, rows, "Pipeline of trail " + name(trail.id()));
    }

    /**
     * The box a relation of the trail leads to, with its link: red when the target has a failing finding, or when a
     * failing finding on the source reads the field of this link; a dashed "missing" box when there is no target.
     */
    private Box target(ResourceNode source, Box from, String relation, String kind, int col, int row, String named,
                       List<Box> boxes, List<Link> links) {
        List<ResourceNode> found = relation(relation, source);
        Finding broken = brokenLink(source, relation);
        Box b;
        if (!found.isEmpty()) {
            b = box(found.get(0), kind, col, row);
        } else if (named != null && !named.isEmpty()) {
            b = new Box(null, kind + " " + name(named), named + " (not in the snapshot)", col, row, "none", null);
        } else {
            b = new Box(null, "no " + kind, "", col, row, broken != null ? "FAIL" : "missing", broken);
        }
        boxes.add(b);
        links.add(new Link(from, b, broken));
        return b;
    }

    private void recordersAndFlowLogs(String account) {
        List<Box> boxes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        int row = 0;
        for (ResourceNode r : ix.ofType(SnapshotIndex.CONFIG_RECORDER, account)) {
            boxes.add(box(r, "Config " + r.region(), 0, row++));
        }
        int vrow = 0;
        for (ResourceNode vpc : ix.ofType(SnapshotIndex.VPC, account)) {
            Box v = box(vpc, "VPC " + vpc.region(), 2, vrow);
            boxes.add(v);
            List<ResourceNode> logs = relation("vpcFlowLogs", vpc);
            if (logs.isEmpty()) {
                Finding f = worst(vpc.id(), Status.FAIL);
                Box none = new Box(null, "no flow log", "", 3, vrow, f != null ? "FAIL" : "missing", f);
                boxes.add(none);
                links.add(new Link(v, none, f));
                vrow++;
            }
            for (ResourceNode fl : logs.subList(0, Math.min(3, logs.size()))) {
                Box b = box(fl, "flow log", 3, vrow++);
                boxes.add(b);
                links.add(new Link(v, b, worst(fl.id(), Status.FAIL)));
            }
        }
        if (!boxes.isEmpty()) {
            svg(boxes, links, Math.max(row, vrow), "Config recorders and flow logs of account " + account);
        }
    }

    private void svg(List<Box> boxes, List<Link> links, int rows, String label) {
        int cols = boxes.stream().mapToInt(b -> b.col).max().orElse(0) + 1;
        int w = cols * COL + 10;
        int h = rows * ROW + 10;
        List<Finding> problems = new ArrayList<>();
        links.stream().filter(l -> l.problem != null && !problems.contains(l.problem)).forEach(l -> problems.add(l.problem));
        sb.append("<svg class=\"pipeline\" role=\"img\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" aria-label=\"")
                .append(esc(label)).append("\">\n");
        for (Link l : links) {
            int x1 = l.from.col * COL + 5 + BOX_W;
            int y1 = l.from.row * ROW + 5 + BOX_H / 2;
            int x2 = l.to.col * COL + 5;
            int y2 = l.to.row * ROW + 5 + BOX_H / 2;
            if (l.to.col == l.from.col || x2 < x1) { // below: from the bottom of the source
                x1 = l.from.col * COL + 5 + BOX_W / 2;
                y1 = l.from.row * ROW + 5 + BOX_H;
            }
            boolean red = l.problem != null;
            if (red) {
                sb.append("<a href=\"#f").append(anchors.get(l.problem)).append("\" data-finding=\"f")
                        .append(anchors.get(l.problem)).append("\" class=\"broken\"><title>")
                        .append(esc(l.problem.ruleId() + ": " + firstSentence(l.problem.message()))).append("</title>");
            }
            sb.append("<path class=\"link").append(red ? " link-FAIL" : "").append("\" d=\"M").append(x1).append(',')
                    .append(y1).append(" C").append((x1 + x2) / 2).append(',').append(y1).append(' ')
                    .append((x1 + x2) / 2).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                    .append("\"/>");
            if (red) {
                int mx = (x1 + x2) / 2;
                int my = (y1 + y2) / 2;
                sb.append("<circle class=\"marker\" cx=\"").append(mx).append("\" cy=\"").append(my)
                        .append("\" r=\"9\"/><text class=\"marker-n\" x=\"").append(mx).append("\" y=\"")
                        .append(my + 4).append("\" text-anchor=\"middle\">").append(problems.indexOf(l.problem) + 1)
                        .append("</text></a>");
            }
            sb.append('\n');
        }
        for (Box b : boxes) {
            int x = b.col * COL + 5;
            int y = b.row * ROW + 5;
            if (b.finding != null) {
                sb.append("<a href=\"#f").append(anchors.get(b.finding)).append("\" data-finding=\"f")
                        .append(anchors.get(b.finding)).append("\">");
            }
            sb.append("<g class=\"node n-").append(b.state).append("\" data-id=\"").append(esc(b.id))
                    .append("\"><title>").append(esc(b.id.isEmpty() ? b.label : b.id)).append(b.finding == null ? ""
                            : esc(" — " + b.finding.ruleId() + ": " + firstSentence(b.finding.message())))
                    .append("</title><rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                    .append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"5\"/><text x=\"")
                    .append(x + 8).append("\" y=\"").append(y + 21).append("\">").append(esc(cut(b.label, 27)))
                    .append("</text></g>");
            if (b.finding != null) {
                sb.append("</a>");
            }
            sb.append('\n');
        }
        sb.append("</svg>\n");
        if (!problems.isEmpty()) {
            sb.append("<ol class=\"problems\">");
            for (Finding f : problems) {
                sb.append("<li><a href=\"#f").append(anchors.get(f)).append("\" data-finding=\"f")
                        .append(anchors.get(f)).append("\"><b>").append(esc(f.ruleId())).append("</b> ")
                        .append(esc(firstSentence(f.message()))).append("</a></li>");
            }
            sb.append("</ol>\n");
        }
    }

    /** A box for a resource, coloured by its findings, linked to the worst of them. */
    private Box box(ResourceNode n, String kind, int col, int row) {
        Finding worst = worst(n.id(), null);
        String state = worst == null ? "none" : HtmlReport.state(worst);
        String label = kind + " " + name(n.type().equals(Relations.METRIC_FILTER) ? n.text("filterName") : n.id());
        return new Box(n, label, n.id(), col, row, state, worst);
    }

    /** The worst finding on a resource (failing, unknown, suppressed, passing), or of the given status only. */
    private Finding worst(String id, Status only) {
        Finding best = null;
        for (Finding f : byResource.getOrDefault(id, List.of())) {
            if (f.status() == Status.NOT_APPLICABLE || (only != null && (f.status() != only || f.isSuppressed()))) {
                continue;
            }
            if (best == null || rank(f) < rank(best)) {
                best = f;
            }
        }
        return best;
    }

    private static int rank(Finding f) {
        return HtmlReport.STATES.indexOf(HtmlReport.state(f)) * 10 - f.severity().ordinal();
    }

    /** A failing finding on the source whose evidence reads the field of this link. */
    private Finding brokenLink(ResourceNode source, String relation) {
        List<String> fields = LINK_FIELDS.getOrDefault(relation, List.of());
        for (Finding f : byResource.getOrDefault(source.id(), List.of())) {
            if (!f.isOpenFailure()) {
                continue;
            }
            for (Evidence e : f.evidence()) {
                for (String field : fields) {
                    if (e.path().contains(field)) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    private List<ResourceNode> relation(String name, ResourceNode from) {
        return Relations.find(name, from.type()).map((Relation r) -> r.resolve(ix, from).found()).orElse(List.of());
    }

    private ResourceNode account(String id) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("AccountId", id);
        return new ResourceNode(new ResourceRef(ResourceRef.ACCOUNT_TYPE, id, id, "global"), c);
    }

    private static String name(String id) {
        return id == null ? "" : Reports.name(id);
    }

    private static String firstSentence(String m) {
        return Reports.firstSentence(m);
    }

    private static String cut(String s, int max) {
        return Reports.cut(s, max);
    }

    /** A box of the picture: a resource (or a missing one), its place and its colour. */
    private record Box(ResourceNode node, String label, String id, int col, int row, String state, Finding finding) {
    }

    /** A link between two boxes; red with the finding that says it is broken, if any. */
    private record Link(Box from, Box to, Finding problem) {
    }
}
