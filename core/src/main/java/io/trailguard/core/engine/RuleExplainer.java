package io.trailguard.core.engine;

import io.trailguard.core.Reference;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Name;
import io.trailguard.core.dsl.Operand;
import io.trailguard.core.dsl.Operator;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.RuleDefinition.ParamSpec;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.Relations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a rule as plain text: what it applies to, its conditions as an indented tree, relations, fix. */
public final class RuleExplainer {
    private RuleExplainer() {
    }

    public static String explain(RuleDefinition r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.id()).append(" — ").append(r.title()).append('\n');
        sb.append("Severity:   ").append(r.severity().label()).append('\n');
        sb.append("Applies to: ").append(switch (r.scope()) {
            case ACCOUNT -> "each account of the snapshot";
            case REGION -> "each region of each account";
            case RESOURCE -> "each " + String.join(" and each ", r.resourceTypes());
        }).append('\n');
        if (r.file() != null) {
            sb.append("Source:     ").append(r.file()).append('\n');
        }
        sb.append('\n').append(wrap(r.description(), "")).append('\n');
        Map<String, Name> relations = new LinkedHashMap<>();
        if (!r.lets().isEmpty()) {
            sb.append("\nBindings:\n");
            for (LetBinding l : r.lets().values()) {
                relations.putIfAbsent(l.relation().text(), l.relation());
                sb.append("  ").append(l.name()).append(" = ").append(l.relation().text());
                sb.append(l.where() == null ? "\n" : " where\n");
                if (l.where() != null) {
                    condition(l.where(), "      ", sb, relations);
                }
            }
        }
        if (r.when() != null) {
            sb.append("\nApplies when:\n");
            condition(r.when(), "  ", sb, relations);
        }
        sb.append("\nPasses when:\n");
        condition(r.require(), "  ", sb, relations);
        if (!relations.isEmpty()) {
            sb.append("\nRelations followed:\n");
            for (String name : relations.keySet()) {
                if (relations.get(name) instanceof Name.Follow f && f.depth() == 0) {
                    for (String t : r.resourceTypes()) {
                        sb.append("  ").append(name).append(": ").append(f.relation(t).description()).append('\n');
                    }
                } else if (relations.get(name) instanceof Name.Follow f) {
                    sb.append("  ").append(name).append(": ").append(f.byType().values().iterator().next().description())
                            .append('\n');
                } else {
                    Relations.all().stream().filter(rel -> rel.name().equals(name)).findFirst()
                            .map(Relation::description)
                            .ifPresent(d -> sb.append("  ").append(name).append(": ").append(d).append('\n'));
                }
            }
        }
        if (!r.params().isEmpty()) {
            sb.append("\nParameters (override with --param NAME=VALUE):\n");
            for (ParamSpec p : r.params().values()) {
                sb.append("  ").append(p.name()).append(" (").append(p.type().name().toLowerCase())
                        .append(p.defaultValue() != null ? ", default " + p.defaultValue()
                                : p.from() != null ? ", no default: from the snapshot (" + p.from() + ") unless set"
                                : ", no default: set it")
                        .append("): ").append(p.description()).append('\n');
            }
        }
        if (r.fix() != null) {
            sb.append("\nFix: ").append(r.fix().summary().source()).append('\n');
            for (var c : r.fix().changes()) {
                sb.append("  change through ").append(c.api()).append(c.create() != null ? ": creates " + c.create().type()
                        : " on " + c.target().text() + ": " + String.join(", ", c.edits().stream()
                        .map(e -> e.kind().name().toLowerCase() + " " + e.path().source()).toList())).append('\n');
            }
            r.fix().checks().forEach(c -> sb.append("  check: aws ").append(String.join(" ",
                    c.stream().map(Template::source).toList())).append('\n'));
            if (r.fix().manual() != null) {
                sb.append("  manual: ").append(r.fix().manual().source()).append('\n');
            }
        }
        if (!r.references().isEmpty()) {
            sb.append("\nReferences:\n");
            for (Reference ref : r.references()) {
                sb.append("  ").append(ref.title());
                if (ref.url() != null && !ref.url().equals(ref.title())) {
                    sb.append(" — ").append(ref.url());
                }
                sb.append('\n');
            }
        }
        sb.append("\nTests: ").append(r.tests().size()).append(" case(s)\n");
        return sb.toString();
    }

    private static void condition(Condition c, String indent, StringBuilder sb, Map<String, Name> relations) {
        c.accept(new Lines(sb, relations), indent);
    }

    /** Writes one condition as indented lines; the visitor keeps the list of families complete. */
    private record Lines(StringBuilder sb, Map<String, Name> relations) implements Condition.Visitor<Void, String> {
        @Override
        public Void all(Condition.All a, String indent) {
            sb.append(indent).append("all of:\n");
            a.children().forEach(x -> condition(x, indent + "  ", sb, relations));
            return null;
        }

        @Override
        public Void any(Condition.Any a, String indent) {
            sb.append(indent).append("any of:\n");
            a.children().forEach(x -> condition(x, indent + "  ", sb, relations));
            return null;
        }

        @Override
        public Void not(Condition.Not n, String indent) {
            sb.append(indent).append("not:\n");
            condition(n.child(), indent + "  ", sb, relations);
            return null;
        }

        @Override
        public Void compare(Condition.Compare cmp, String indent) {
            sb.append(indent).append(cmp.left().text()).append(' ').append(cmp.operator().describe(operand(cmp.operand())));
            if (cmp.defaultValue() != null) {
                sb.append(" (when absent: ").append(cmp.defaultValue()).append(')');
            }
            sb.append('\n');
            return null;
        }

        @Override
        public Void presence(Condition.Presence p, String indent) {
            sb.append(indent).append(p.left().text()).append(' ')
                    .append((p.present() ? Operator.EXISTS : Operator.ABSENT).describe("")).append('\n');
            return null;
        }

        @Override
        public Void size(Condition.Size s, String indent) {
            sb.append(indent).append(s.left().text()).append(' ').append(Operator.SIZE.describe(sizes(s.checks())));
            if (s.defaultValue() != null) {
                sb.append(" (when absent: ").append(s.defaultValue()).append(')');
            }
            sb.append('\n');
            return null;
        }

        @Override
        public Void quantified(Condition.Quantified q, String indent) {
            sb.append(indent).append(q.quantifier().name().toLowerCase()).append(" element of ").append(q.path().text())
                    .append(q.quantifier() == Condition.Quantifier.NONE ? " matches:\n" : ":\n");
            condition(q.each(), indent + "  ", sb, relations);
            return null;
        }

        @Override
        public Void relatedThat(Condition.RelatedThat r, String indent) {
            return related(r, "the related " + r.source().text(), r.that(), false, indent);
        }

        @Override
        public Void relatedEach(Condition.RelatedEach r, String indent) {
            String head = switch (r.quantifier()) {
                case EVERY -> "every related ";
                case SOME -> "some related ";
                case NONE -> "no related ";
            };
            return related(r, head + r.source().text(), r.each(), r.quantifier() == Condition.Quantifier.NONE, indent);
        }

        @Override
        public Void relatedExists(Condition.RelatedExists r, String indent) {
            String name = r.source().text();
            return related(r, r.exists() ? "a related " + name + " exists" : "no related " + name + " exists", null,
                    false, indent);
        }

        @Override
        public Void relatedCount(Condition.RelatedCount r, String indent) {
            return related(r, "the number of related " + r.source().text()
                    + (r.distinct() == null ? "" : " (distinct by " + r.distinct().text() + ")") + " "
                    + sizes(r.checks()), null, false, indent);
        }

        private Void related(Condition.Related r, String head, Condition each, boolean none, String indent) {
            relations.putIfAbsent(r.source().text(), r.source());
            sb.append(indent).append(head);
            if (r.where() != null) {
                sb.append(", among those where:\n");
                condition(r.where(), indent + "    ", sb, relations);
                if (each != null) {
                    sb.append(indent).append("  satisfies:\n");
                }
            } else {
                sb.append(each != null ? (none ? " matches:\n" : " satisfies:\n") : "\n");
            }
            if (each != null) {
                condition(each, indent + "  ", sb, relations);
            }
            return null;
        }

        @Override
        public Void access(Condition.Access a, String indent) {
            StringBuilder q = new StringBuilder(indent).append("access: ")
                    .append(a.principal() == null ? "role " + a.identity().text() : a.principal().source())
                    .append(switch (a.expect()) {
                        case ALLOWED -> " may ";
                        case EXPLICITLY_DENIED -> " is explicitly denied ";
                        case DENIED -> " may not ";
                    })
                    .append(String.join(", ", a.actions().stream().map(Template::source).toList())).append(" on ")
                    .append(a.resource().source());
            if (!a.context().isEmpty()) {
                q.append(" with ").append(String.join(", ", a.context().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().source()).toList()));
            }
            q.append(" — by ").append(a.policy() == null ? "" : policy(a.policy()))
                    .append(a.identity() == null ? "" : (a.policy() == null ? "" : " and ") + "the policies of "
                            + a.identity().text())
                    .append(", evaluated as AWS does\n");
            sb.append(q);
            if (a.identity() != null) {
                relations.putIfAbsent(a.identity().text(), a.identity());
            }
            return null;
        }

        @Override
        public Void publicPolicy(Condition.Public p, String indent) {
            sb.append(indent).append(policy(p.policy())).append(" is public (S3 Block Public Access definition)\n");
            return null;
        }

        @Override
        public Void whoMay(Condition.WhoMay w, String indent) {
            sb.append(indent).append(w.quantifier().name().toLowerCase()).append(" principal that ")
                    .append(policy(w.policy())).append(" lets ").append(w.action().source()).append(" on ")
                    .append(w.resource().source()).append(w.quantifier() == Condition.Quantifier.NONE ? " matches:\n" : ":\n");
            condition(w.each(), indent + "  ", sb, relations);
            return null;
        }

        @Override
        public Void matchesEvents(Condition.MatchesEvents m, String indent) {
            sb.append(indent).append("the filter pattern at ").append(m.path().text()).append(" matches ")
                    .append(m.match().isEmpty() ? "(no required event)" : String.join(", ",
                            m.match().stream().map(Condition.SampleEvent::name).toList()));
            if (!m.ignore().isEmpty()) {
                sb.append(" and not ").append(String.join(", ", m.ignore().stream().map(Condition.SampleEvent::name).toList()));
            }
            sb.append('\n');
            return null;
        }
    }

    private static String policy(Condition.PolicyRef ref) {
        return "the policy at " + ref.path().text() + (ref.of() == null ? "" : " of " + ref.of().text());
    }

    private static String sizes(Map<Operator, Operand> checks) {
        return String.join(" and ", checks.entrySet().stream()
                .map(e -> e.getKey().describe(operand(e.getValue()))).toList());
    }

    private static String operand(Operand o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Operand.Literal l) {
            return l.value().toString();
        }
        if (o instanceof Operand.Param p) {
            return "parameter " + p.name();
        }
        if (o instanceof Operand.Regex r) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(r.pattern().pattern()).toString();
        }
        return ((Operand.Templated) o).template().source();
    }

    private static String wrap(String text, String indent) {
        StringBuilder sb = new StringBuilder(indent);
        int col = indent.length();
        for (String w : text.split("\\s+")) {
            if (col + w.length() > 100 && col > indent.length()) {
                sb.append('\n').append(indent);
                col = indent.length();
            }
            sb.append(w).append(' ');
            col += w.length() + 1;
        }
        return sb.toString().stripTrailing();
    }

}
