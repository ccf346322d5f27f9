package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trailguard.core.Fix;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.dsl.FixSpec;
import io.trailguard.core.dsl.FixSpec.ChangeSpec;
import io.trailguard.core.dsl.FixSpec.EditSpec;
import io.trailguard.core.dsl.Name;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.RuleDefinition.ParamSpec;
import io.trailguard.core.dsl.RuleDefinition.ParamType;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.fix.Change;
import io.trailguard.core.fix.Change.Edit;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.fix.ParamUse;
import io.trailguard.core.fix.ShellQuote;
import io.trailguard.core.fix.render.ChangeSet;
import io.trailguard.core.fix.render.Renderers;
import io.trailguard.core.fix.render.SnapshotDefaults;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a failing finding's {@link Fix} from its rule's {@link FixSpec}: decides the parameters naming the user's
 * resources ({@code --param}, else the snapshot, else unset and named), renders the typed changes, and renders their
 * commands through the API renderers.
 */
final class FixBuilder {
    private final RuleDefinition rule;
    private final SnapshotIndex index;

    FixBuilder(RuleDefinition rule, SnapshotIndex index) {
        this.rule = rule;
        this.index = index;
    }

    Fix build(Evaluator ev0, ObjectNode params, ResourceNode subject) {
        FixSpec spec = rule.fix();
        if (spec == null) {
            return null;
        }
        ObjectNode fixParams = params.deepCopy();
        List<ParamUse> uses = new ArrayList<>();
        Set<String> variables = new LinkedHashSet<>();
        for (ParamSpec p : rule.params().values()) {
            if (p.from() == null && p.defaultValue() != null) {
                continue;
            }
            JsonNode v = params.get(p.name());
            boolean empty = v == null || v.isNull() || (v.isContainerNode() && v.isEmpty())
                    || (v.isTextual() && v.asText().isEmpty());
            if (!empty) {
                String source = v.equals(p.defaultValue()) ? "default" : "param";
                uses.add(new ParamUse(p.name(), Template.text(v), source, null));
                continue;
            }
            ResourceNode near = near(ev0, p.near(), subject);
            Optional<SnapshotDefaults.Derived> d = p.from() == null ? Optional.empty()
                    : SnapshotDefaults.derive(p.from(), index, near);
            if (d.isPresent()) {
                fixParams.set(p.name(), p.type() == ParamType.LIST
                        ? JsonNodeFactory.instance.arrayNode().add(d.get().value()) : TextNode.valueOf(d.get().value()));
                uses.add(new ParamUse(p.name(), d.get().value(), d.get().how(), null));
            } else {
                String var = ShellQuote.variableName(p.name());
                String marker = ShellQuote.variable(var);
                fixParams.set(p.name(), p.type() == ParamType.LIST
                        ? JsonNodeFactory.instance.arrayNode().add(marker) : TextNode.valueOf(marker));
                uses.add(new ParamUse(p.name(), null, "unset", var));
                variables.add(var);
            }
        }
        Evaluator ev = fixParams.equals(params) ? ev0 : new Evaluator(rule, index, fixParams, subject, ev0.cache);
        Frame root = ev.root();
        String summary = ShellQuote.display(ev.render(spec.summary(), root));
        List<String> steps = spec.steps().stream().map(t -> ShellQuote.display(ev.render(t, root))).toList();
        List<String> problems = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (ChangeSpec c : spec.changes()) {
            changes.addAll(changes(c, ev, root, subject, problems));
        }
        List<FixCommand> commands = List.of();
        if (!changes.isEmpty()) {
            try {
                commands = ChangeSet.commands(index, changes, variables);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                changes = List.of();
            }
        }
        List<FixCommand> checks = new ArrayList<>();
        for (List<Template> words : spec.checks()) {
            FixCommand c = check(words, ev, root, subject, variables);
            if (c != null) {
                checks.add(c);
            }
        }
        String manual = spec.manual() == null ? null : ShellQuote.display(ev.render(spec.manual(), root));
        if (!problems.isEmpty()) {
            changes = List.of();
            commands = List.of();
            manual = (manual == null ? "" : manual + " ") + "The change could not be rendered: " + String.join("; ", problems);
        } else if (!changes.isEmpty()) {
            manual = null;
        } else if (manual == null) {
            manual = spec.changes().isEmpty() ? "the remedy needs a decision the engine cannot make (see the steps)"
                    : "no resource to change was found in the snapshot (see the steps)";
        }
        return new Fix(summary, steps, changes, commands, checks, uses, manual);
    }

    /** The first resource of the let binding a parameter's {@code near:} names, else the subject. */
    private ResourceNode near(Evaluator ev, String binding, ResourceNode subject) {
        LetBinding let = binding == null ? null : rule.lets().get(binding);
        if (let == null) {
            return subject;
        }
        List<ResourceNode> r = ev.let(new Name.Let(binding, let.slot())).kept();
        return r.isEmpty() ? subject : r.get(0);
    }

    private List<Change> changes(ChangeSpec c, Evaluator ev, Frame root, ResourceNode subject, List<String> problems) {
        if (c.when() != null && !truthy(ev.value(c.when(), root))) {
            return List.of();
        }
        if (c.unless() != null && truthy(ev.value(c.unless(), root))) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        if (c.create() != null) {
            // one resource, or one per element of the subject's forEach list (each rendered with `each` bound to it)
            List<Frame> frames = new ArrayList<>();
            for (String at : prefixes(c, subject, ev, root)) {
                frames.add(at.isEmpty() ? root : root.child(subject.configuration().at(at), at));
            }
            for (Frame f : frames) {
                boolean[] absent = {false};
                String id = ev.render(c.create().id(), f);
                String account = ev.render(c.create().account(), f);
                String region = ev.render(c.create().region(), f);
                JsonNode conf = renderValue(c.create().configuration(), ev, f, absent);
                if (absent[0] || id.contains("(none)") || !account.matches("\\d{12}") || region.contains("(none)")) {
                    problems.add("a value of the resource " + c.api() + " creates is not in the snapshot (fix line "
                            + c.line() + ")");
                    return List.of();
                }
                out.add(new Change.Create(c.api(), new ResourceRef(c.create().type(), id, account, region), conf.toString()));
            }
            return out;
        }
        List<ResourceNode> targets = targets(c.target(), ev, root);
        if (c.each() == null && targets.size() > 1) {
            targets = targets.subList(0, 1);
        } else if ("rest".equals(c.each())) {
            targets = targets.size() <= 1 ? List.of() : targets.subList(1, targets.size());
        }
        if (c.where() != null) {
            targets = targets.stream().filter(t -> ev.eval(c.where(), root.on(t)).isTrue()).toList();
        }
        for (ResourceNode t : targets) {
            if (c.delete()) {
                out.add(new Change.Delete(c.api(), t.ref()));
                continue;
            }
            List<Edit> edits = new ArrayList<>();
            boolean[] absent = {false};
            for (String prefix : prefixes(c, t, ev, root)) {
                Frame f = prefix.isEmpty() ? root : root.on(t).child(t.configuration().at(prefix), prefix);
                for (EditSpec e : c.edits()) {
                    String path = prefix + ev.render(e.path(), f);
                    JsonNode value = renderValue(e.value(), ev, f, absent);
                    if (e.each()) {
                        if (value.isArray()) {
                            value.forEach(x -> edits.add(new Edit(e.kind(), path, x.toString())));
                        } else if (!value.isNull()) {
                            edits.add(new Edit(e.kind(), path, value.toString()));
                        }
                    } else {
                        edits.add(new Edit(e.kind(), path, value.toString()));
                    }
                }
            }
            if (absent[0]) {
                problems.add("a value of the change through " + c.api() + " of " + t.id() + " is not in the snapshot");
                continue;
            }
            if (!edits.isEmpty()) {
                out.add(new Change.Modify(c.api(), t.ref(), edits));
            }
        }
        return out;
    }

    /**
     * Where a change's edit paths start in the target: the root, or with {@code forEach} the pointer of every element
     * of its list that the condition holds for (none: no edit).
     */
    private static List<String> prefixes(ChangeSpec c, ResourceNode t, Evaluator ev, Frame root) {
        if (c.forEach() == null) {
            return List.of("");
        }
        List<String> out = new ArrayList<>();
        JsonNode list = t.configuration().at(c.forEach().list());
        Frame at = root.on(t);
        for (int i = 0; i < list.size(); i++) {
            if (c.forEach().where() == null
                    || ev.eval(c.forEach().where(), at.child(list.get(i), c.forEach().list() + "/" + i)).isTrue()) {
                out.add(c.forEach().list() + "/" + i);
            }
        }
        return out;
    }

    /** Every resource a change's target (resolved by the parser in the subject's scope) stands for. */
    private static List<ResourceNode> targets(Name name, Evaluator ev, Frame root) {
        return ev.all(name, root);
    }

    private FixCommand check(List<Template> words, Evaluator ev, Frame root, ResourceNode subject, Set<String> variables) {
        List<String> argv = new ArrayList<>();
        for (Template t : words) {
            String w = ev.render(t, root);
            if (w.contains("(none)") || w.isEmpty()) {
                return null; // a value the snapshot does not have: the check cannot be written
            }
            argv.add(w);
        }
        String region;
        int r = argv.indexOf("--region");
        if (r >= 0 && r + 1 < argv.size()) {
            region = argv.get(r + 1);
        } else {
            region = Renderers.region(subject.ref(), subject.configuration());
            argv.add("--region");
            argv.add(region);
        }
        Set<String> used = new LinkedHashSet<>();
        argv.forEach(w -> used.addAll(ShellQuote.variablesIn(w)));
        used.retainAll(variables);
        return new FixCommand(subject.accountId(), region, argv, used);
    }

    private static boolean truthy(JsonNode v) {
        return v != null && !v.isNull() && !(v.isBoolean() && !v.asBoolean()) && !(v.isArray() && v.isEmpty())
                && !(v.isTextual() && (v.asText().isEmpty() || v.asText().equals("false")));
    }

    private JsonNode renderValue(JsonNode v, Evaluator ev, Frame f, boolean[] absent) {
        if (v.isTextual() && v.asText().contains("{{")) {
            Template t = rule.fixValueTemplates().get(v.asText());
            JsonNode out = ev.value(t, f);
            if (out == null || out.isNull() || (out.isTextual() && out.asText().contains("(none)"))) {
                absent[0] = true;
                return TextNode.valueOf("");
            }
            return out;
        }
        if (v.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            v.fields().forEachRemaining(e -> o.set(e.getKey(), renderValue(e.getValue(), ev, f, absent)));
            return o;
        }
        if (v.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            v.forEach(x -> a.add(renderValue(x, ev, f, absent)));
            return a;
        }
        return v;
    }
}
