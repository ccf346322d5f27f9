package io.trailguard.core.engine;

import io.trailguard.core.Reference;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Operand;
import io.trailguard.core.dsl.Operator;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.RuleDefinition.ParamSpec;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.Relations;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Set<String> relations = new LinkedHashSet<>();
        if (!r.lets().isEmpty()) {
            sb.append("\nBindings:\n");
            for (LetBinding l : r.lets().values()) {
                relations.add(l.relation());
                sb.append("  ").append(l.name()).append(" = ").append(l.relation());
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
            for (String name : relations) {
                for (String t : r.resourceTypes()) {
                    Relations.find(name, t).ifPresent(rel -> sb.append("  ").append(name).append(": ")
                            .append(rel.description()).append('\n'));
                }
                if (r.resourceTypes().stream().noneMatch(t -> Relations.find(name, t).isPresent())) {
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
                        : " on " + c.target() + ": " + String.join(", ", c.edits().stream()
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

    private static void condition(Condition c, String indent, StringBuilder sb, Set<String> relations) {
        if (c instanceof Condition.All a) {
            sb.append(indent).append("all of:\n");
            a.children().forEach(x -> condition(x, indent + "  ", sb, relations));
        } else if (c instanceof Condition.Any a) {
            sb.append(indent).append("any of:\n");
            a.children().forEach(x -> condition(x, indent + "  ", sb, relations));
        } else if (c instanceof Condition.Not n) {
            sb.append(indent).append("not:\n");
            condition(n.child(), indent + "  ", sb, relations);
        } else if (c instanceof Condition.Compare cmp) {
            String subject = cmp.path() != null ? cmp.path().text() : cmp.value().source();
            String operand = cmp.operator() == Operator.SIZE ? sizes(cmp.sizeChecks()) : operand(cmp.operand());
            sb.append(indent).append(subject).append(' ').append(cmp.operator().describe(operand));
            if (cmp.defaultValue() != null) {
                sb.append(" (when absent: ").append(cmp.defaultValue()).append(')');
            }
            sb.append('\n');
        } else if (c instanceof Condition.Quantified q) {
            sb.append(indent).append(q.quantifier().name().toLowerCase()).append(" element of ").append(q.path().text())
                    .append(q.quantifier() == Condition.Quantifier.NONE ? " matches:\n" : ":\n");
            condition(q.each(), indent + "  ", sb, relations);
        } else if (c instanceof Condition.Access a) {
            StringBuilder q = new StringBuilder(indent).append("access: ")
                    .append(a.principal() == null ? "role " + a.identity() : a.principal().source())
                    .append(a.expectAllowed() ? " may " : a.expectExplicitDeny() ? " is explicitly denied " : " may not ")
                    .append(String.join(", ", java.util.stream.Stream.concat(java.util.stream.Stream.of(a.action()),
                            a.moreActions().stream()).map(t -> t.source()).toList())).append(" on ")
                    .append(a.resource().source());
            if (!a.context().isEmpty()) {
                q.append(" with ").append(String.join(", ", a.context().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().source()).toList()));
            }
            q.append(" — by ").append(a.policy() == null ? "" : policy(a.policy()))
                    .append(a.identity() == null ? "" : (a.policy() == null ? "" : " and ") + "the policies of " + a.identity())
                    .append(", evaluated as AWS does\n");
            sb.append(q);
            if (a.identity() != null) {
                relations.add(a.identity());
            }
        } else if (c instanceof Condition.Public p) {
            sb.append(indent).append(policy(p.policy())).append(" is public (S3 Block Public Access definition)\n");
        } else if (c instanceof Condition.WhoMay w) {
            sb.append(indent).append(w.quantifier().name().toLowerCase()).append(" principal that ")
                    .append(policy(w.policy())).append(" lets ").append(w.action().source()).append(" on ")
                    .append(w.resource().source()).append(w.quantifier() == Condition.Quantifier.NONE ? " matches:\n" : ":\n");
            condition(w.each(), indent + "  ", sb, relations);
        } else if (c instanceof Condition.MatchesEvents m) {
            sb.append(indent).append("the filter pattern at ").append(m.path().text()).append(" matches ")
                    .append(m.match().isEmpty() ? "(no required event)" : String.join(", ",
                            m.match().stream().map(Condition.SampleEvent::name).toList()));
            if (!m.ignore().isEmpty()) {
                sb.append(" and not ").append(String.join(", ", m.ignore().stream().map(Condition.SampleEvent::name).toList()));
            }
            sb.append('\n');
        } else if (c instanceof Condition.Related r) {
            relations.add(r.relation());
            String head = switch (r.check()) {
                case THAT -> "the related " + r.relation();
                case EVERY -> "every related " + r.relation();
                case SOME -> "some related " + r.relation();
                case NONE -> "no related " + r.relation();
                case EXISTS -> r.exists() ? "a related " + r.relation() + " exists" : "no related " + r.relation() + " exists";
                case COUNT -> "the number of related " + r.relation()
                        + (r.distinct() == null ? "" : " (distinct by " + r.distinct().text() + ")") + " "
                        + sizes(r.countChecks());
            };
            sb.append(indent).append(head);
            if (r.where() != null) {
                sb.append(", among those where:\n");
                condition(r.where(), indent + "    ", sb, relations);
                if (r.each() != null) {
                    sb.append(indent).append("  satisfies:\n");
                }
            } else {
                sb.append(r.each() != null ? (r.check() == Condition.RelatedCheck.NONE ? " matches:\n" : " satisfies:\n") : "\n");
            }
            if (r.each() != null) {
                condition(r.each(), indent + "  ", sb, relations);
            }
        }
    }

    private static String policy(Condition.PolicyRef ref) {
        return "the policy at " + ref.path().text() + (ref.of() == null ? "" : " of " + ref.of());
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
