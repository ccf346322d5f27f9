package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.dsl.NamedConditions.Definition;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.YamlDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uses of named conditions ({@code {use: NAME, with: {...}}}) met while one rule file is parsed: each body with
 * its arguments in place, and where every part of it came from, so that a problem found in an expanded body names
 * the line of the conditions file (or of the argument in the rule file) and the use it was reached through.
 *
 * <p>An expanded body is parsed at the pointer {@code #N} (N: the use's index here), so its pointers read
 * {@code #N/all/0/path}; {@link #locate} turns such a pointer back into a document and a pointer in it. Not
 * thread-safe: one per parse.
 */
final class ConditionUses {
    /** A place in a source document, and through which uses it was reached (for the message). */
    record Location(YamlDocument doc, String pointer, String via) {
    }

    /**
     * One use.
     *
     * @param usePointer where the {@code use:} mapping is (itself possibly {@code #M/...})
     * @param argSites   pointers in the expanded body (relative) where an argument was put, to the parameter's name
     * @param given      the parameters whose value the use gave (the others took their default)
     */
    private record Use(Definition def, String usePointer, Map<String, String> argSites, List<String> given) {
    }

    private final YamlDocument ruleDoc;
    private final List<Use> uses = new ArrayList<>();
    private final Deque<String> expanding = new ArrayDeque<>();

    ConditionUses(YamlDocument ruleDoc) {
        this.ruleDoc = ruleDoc;
    }

    /** The chain of names being expanded, outermost first, when {@code name} is among them; else {@code null}. */
    String cycle(String name) {
        if (!expanding.contains(name)) {
            return null;
        }
        List<String> chain = new ArrayList<>(expanding);
        java.util.Collections.reverse(chain);
        chain.add(name);
        return String.join(" → ", chain);
    }

    void enter(String name) {
        expanding.push(name);
    }

    void exit() {
        expanding.pop();
    }

    /**
     * Records a use and returns the pointer its body is parsed at, and the body with its arguments in place.
     *
     * @param args every parameter's value: the use's, else the default
     */
    Expanded expand(Definition def, String usePointer, Map<String, JsonNode> args, List<String> given) {
        Map<String, String> sites = new LinkedHashMap<>();
        JsonNode body = substitute(def.body(), "", args, sites);
        uses.add(new Use(def, usePointer, sites, List.copyOf(given)));
        return new Expanded("#" + (uses.size() - 1), body);
    }

    /** A body ready to parse at {@code pointer}. */
    record Expanded(String pointer, JsonNode body) {
    }

    private static JsonNode substitute(JsonNode n, String rel, Map<String, JsonNode> args, Map<String, String> sites) {
        String arg = NamedConditions.argName(n);
        if (arg != null) {
            sites.put(rel, arg);
            return args.get(arg).deepCopy();
        }
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), substitute(e.getValue(), rel + "/" + e.getKey(), args, sites)));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < n.size(); i++) {
                a.add(substitute(n.get(i), rel + "/" + i, args, sites));
            }
            return a;
        }
        return n;
    }

    /** Where a pointer of the rule's parse is: in the rule file, or in a conditions file through one or more uses. */
    Location locate(String pointer) {
        if (!pointer.startsWith("#")) {
            return new Location(ruleDoc, pointer, "");
        }
        int slash = pointer.indexOf('/');
        Use use = uses.get(Integer.parseInt(slash < 0 ? pointer.substring(1) : pointer.substring(1, slash)));
        String rest = slash < 0 ? "" : pointer.substring(slash);
        String site = null;
        for (String s : use.argSites().keySet()) {
            if ((rest.equals(s) || rest.startsWith(s + "/")) && (site == null || s.length() > site.length())) {
                site = s;
            }
        }
        if (site != null) {
            String param = use.argSites().get(site);
            String tail = rest.substring(site.length());
            if (use.given().contains(param)) {
                return locate(use.usePointer() + "/with/" + param + tail); // the argument, where the use wrote it
            }
            return new Location(use.def().doc(), "/conditions/" + use.def().name() + "/params/" + param + "/default" + tail,
                    via(use));
        }
        return new Location(use.def().doc(), use.def().pointer() + rest, via(use));
    }

    private String via(Use use) {
        Location at = locate(use.usePointer() + "/use");
        Position pos = at.doc().valueAt(at.pointer());
        return " (in named condition '" + use.def().name() + "', used at " + at.doc().source() + ":" + pos.line() + ":"
                + pos.column() + at.via() + ")";
    }
}
