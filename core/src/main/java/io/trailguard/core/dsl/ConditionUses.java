package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.YamlDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The uses of named conditions and fixes ({@code {use: NAME, with: {...}}}) met while one rule file is parsed: each
 * body with its arguments in place, and where every part of it came from, so that a problem found in an expanded body
 * names the line of the conditions file (or of the argument in the rule file) and the use it was reached through.
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
     * What a use expands: a named condition's or fix's body in its file.
     *
     * @param kind          "named condition" or "named fix", for messages
     * @param bodyPointer   where the body is in {@code doc}
     * @param paramsPointer where its parameters are declared in {@code doc}
     */
    record Origin(String kind, String name, YamlDocument doc, String bodyPointer, String paramsPointer) {
    }

    /**
     * One use.
     *
     * @param usePointer where the {@code use:} mapping is (itself possibly {@code #M/...})
     * @param argSites   pointers in the expanded body (relative) where an argument was put, to the parameter's name
     * @param given      the parameters whose value the use gave (the others took their default)
     */
    private record Use(Origin def, String usePointer, Map<String, String> argSites, List<String> given) {
    }

    /** Where the problems of binding a use's arguments go: a pointer of the rule's parse, and whether at its key. */
    interface Problems {
        void problem(String pointer, String message, boolean atKey);
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
     * Every parameter's value for a use at {@code ptr} (the {@code use:} mapping): those its {@code with:} gives, the
     * defaults for the rest; {@code null} after reporting an unknown, wrong-typed or missing argument.
     *
     * @param given receives the parameters whose value the use gave
     */
    static Map<String, JsonNode> bind(String kind, String name, Map<String, NamedConditions.Param> params, JsonNode with,
                                      String ptr, List<String> given, Problems out) {
        if (with != null && !with.isObject()) {
            out.problem(ptr + "/with", "expected a mapping of the parameters of '" + name + "' to values: "
                    + String.join(", ", params.keySet()), false);
            return null;
        }
        boolean ok = true;
        Map<String, JsonNode> args = new LinkedHashMap<>();
        if (with != null) {
            for (var it = with.fields(); it.hasNext(); ) {
                var e = it.next();
                NamedConditions.Param param = params.get(e.getKey());
                if (param == null) {
                    out.problem(ptr + "/with/" + e.getKey(), kind + " '" + name + "' has no parameter '" + e.getKey()
                            + "'" + Suggestions.hint(e.getKey(), params.keySet()) + (params.isEmpty()
                            ? "; it takes none" : "; its parameters: " + String.join(", ", params.keySet())), true);
                    ok = false;
                } else if (!param.type().fits(e.getValue())) {
                    out.problem(ptr + "/with/" + e.getKey(), "parameter '" + e.getKey() + "' of '" + name + "' takes a "
                            + param.type().text() + ", found " + e.getValue(), false);
                    ok = false;
                } else {
                    args.put(e.getKey(), e.getValue());
                    given.add(e.getKey());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (NamedConditions.Param param : params.values()) {
            if (!args.containsKey(param.name()) && param.defaultValue() != null) {
                args.put(param.name(), param.defaultValue());
            } else if (!args.containsKey(param.name()) && (with == null || !with.has(param.name()))) {
                missing.add(param.name() + " (" + param.type().text() + (param.description().isEmpty() ? ""
                        : ": " + param.description()) + ")");
            }
        }
        if (!missing.isEmpty()) {
            out.problem(ptr + (with != null ? "/with" : "/use"), kind + " '" + name + "' needs "
                    + (missing.size() == 1 ? "parameter " : "parameters ") + String.join(", ", missing), false);
            ok = false;
        }
        return ok ? args : null;
    }

    /**
     * Records a use and returns the pointer its body is parsed at, and the body with its arguments in place.
     *
     * @param args   every parameter's value: the use's, else the default
     * @param inText whether {@code ${P}} inside texts is replaced too (named fixes)
     */
    Expanded expand(Origin def, JsonNode source, String usePointer, Map<String, JsonNode> args, List<String> given,
                    boolean inText) {
        Map<String, String> sites = new LinkedHashMap<>();
        JsonNode body = substitute(source, "", args, sites, inText);
        uses.add(new Use(def, usePointer, sites, List.copyOf(given)));
        return new Expanded("#" + (uses.size() - 1), body);
    }

    /** A body ready to parse at {@code pointer}. */
    record Expanded(String pointer, JsonNode body) {
    }

    private static JsonNode substitute(JsonNode n, String rel, Map<String, JsonNode> args, Map<String, String> sites,
                                       boolean inText) {
        String arg = NamedConditions.argName(n);
        if (arg != null) {
            sites.put(rel, arg);
            return args.get(arg).deepCopy();
        }
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), substitute(e.getValue(),
                    rel + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), args, sites, inText)));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < n.size(); i++) {
                a.add(substitute(n.get(i), rel + "/" + i, args, sites, inText));
            }
            return a;
        }
        if (inText && n.isTextual() && n.asText().contains("${")) {
            Matcher m = NamedConditions.TEXT_ARG.matcher(n.asText());
            if (m.matches()) {
                sites.put(rel, m.group(1)); // the whole text is the argument: its problems are the argument's
            }
            return JsonNodeFactory.instance.textNode(m.reset().replaceAll(r -> Matcher.quoteReplacement(
                    args.containsKey(r.group(1)) ? args.get(r.group(1)).asText() : r.group())));
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
            return new Location(use.def().doc(), use.def().paramsPointer() + "/" + param + "/default" + tail, via(use));
        }
        return new Location(use.def().doc(), use.def().bodyPointer() + rest, via(use));
    }

    private String via(Use use) {
        Location at = locate(use.usePointer() + "/use");
        Position pos = at.doc().valueAt(at.pointer());
        return " (in " + use.def().kind() + " '" + use.def().name() + "', used at " + at.doc().source() + ":" + pos.line() + ":"
                + pos.column() + at.via() + ")";
    }
}
