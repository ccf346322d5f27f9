package io.trailguard.core.fix.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.fix.Change;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.fix.ShellQuote;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes applied together: per resource, the state before (absent for a created one) and after every change to it
 * (absent for a deleted one), and the APIs that change it. Both the proof (the after states go into the snapshot) and the commands (rendered from
 * before and after) come from here, so they cannot differ.
 */
public final class ChangeSet {
    private ChangeSet() {
    }

    /** One resource's states and the APIs changing it, in the order first named. */
    public record State(ResourceRef ref, ObjectNode before, ObjectNode after, Set<String> apis) {
    }

    /**
     * Applies the changes in order to the resources of {@code base}.
     *
     * @throws IllegalArgumentException when a changed resource is not in the snapshot or an edit does not apply
     */
    public static Map<ResourceRef, State> apply(SnapshotIndex base, List<Change> changes) {
        Map<ResourceRef, State> out = new LinkedHashMap<>();
        for (Change c : changes) {
            State s = out.get(c.target());
            if (c instanceof Change.Modify m) {
                {
                    ObjectNode before = s != null ? s.before()
                            : base.get(m.target().type(), m.target().id()).map(ResourceNode::configuration).orElse(null);
                    ObjectNode current = s != null ? s.after() : before;
                    if (s != null && current == null) {
                        throw new IllegalArgumentException("resource " + m.target().id() + " (" + m.target().type()
                                + ") is deleted by another change");
                    }
                    if (current == null) {
                        throw new IllegalArgumentException("resource " + m.target().id() + " (" + m.target().type()
                                + ") is not in the snapshot");
                    }
                    ObjectNode after;
                    try {
                        after = ChangeApplier.apply(current, m.edits());
                    } catch (ChangeApplier.EditException | IllegalArgumentException e) {
                        throw new IllegalArgumentException("the change does not apply to " + m.target().id() + ": "
                                + e.getMessage(), e);
                    }
                    out.put(c.target(), new State(c.target(), before, after, with(s, c.api())));
                }
            } else if (c instanceof Change.Create cr) {
                {
                    ObjectNode created = (ObjectNode) Json.parse(cr.configuration());
                    ObjectNode before = s != null ? s.before()
                            : base.get(cr.target().type(), cr.target().id()).map(ResourceNode::configuration).orElse(null);
                    ObjectNode after;
                    if (s == null && before == null) {
                        after = created;
                    } else {
                        // created twice (by several findings) or over an existing one: the fields named win
                        after = ChangeApplier.merge(s != null ? s.after() : before, created);
                    }
                    out.put(c.target(), new State(c.target(), before, after, with(s, c.api())));
                }
            } else if (c instanceof Change.Delete d) {
                ObjectNode before = s != null ? s.before()
                        : base.get(d.target().type(), d.target().id()).map(ResourceNode::configuration).orElse(null);
                if ((s != null ? s.after() : before) == null) {
                    throw new IllegalArgumentException("resource " + d.target().id() + " (" + d.target().type()
                            + ") to delete is not in the snapshot");
                }
                out.put(c.target(), new State(c.target(), before, null, with(s, c.api())));
            }
        }
        return out;
    }

    private static Set<String> with(State s, String api) {
        Set<String> apis = new LinkedHashSet<>(s == null ? Set.of() : s.apis());
        apis.add(api);
        return apis;
    }

    /** The commands of the changes: per resource, per API, rendered from the state before and after all of them. */
    public static List<FixCommand> commands(SnapshotIndex base, List<Change> changes, Set<String> variables) {
        List<FixCommand> out = new ArrayList<>();
        for (State s : apply(base, changes).values()) {
            out.addAll(commands(s, variables));
        }
        return out;
    }

    /** The commands of one resource's state. */
    public static List<FixCommand> commands(State s, Set<String> variables) {
        List<FixCommand> out = new ArrayList<>();
        for (String api : s.apis()) {
            Renderers.Spec spec = Renderers.find(api);
            if (s.after() == null && spec.phase() != Renderers.Phase.DELETE) {
                continue; // deleted: its edits before the deletion need no command
            }
            JsonNode before = s.before() == null && !spec.creates() ? Json.MAPPER.createObjectNode() : s.before();
            for (List<String> argv : spec.render(s.ref(), before, s.after())) {
                Set<String> used = new LinkedHashSet<>();
                argv.forEach(w -> used.addAll(ShellQuote.variablesIn(w)));
                used.retainAll(variables);
                String region = argv.get(argv.size() - 1);
                out.add(new FixCommand(s.ref().accountId(), region, argv, used));
            }
        }
        return out;
    }
}
