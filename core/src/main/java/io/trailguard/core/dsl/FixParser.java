package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.dsl.FixSpec.ChangeSpec;
import io.trailguard.core.dsl.FixSpec.CreateSpec;
import io.trailguard.core.dsl.FixSpec.EditSpec;
import io.trailguard.core.dsl.FixSpec.ForEachSpec;
import io.trailguard.core.fix.Change.Edit;
import io.trailguard.core.fix.render.Renderers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a rule's {@code fix:} section (see docs/rule-dsl.md): summary, steps, typed changes, checks, manual. Kept
 * apart from {@link RuleParser}, which hands it its template compiler and problem sink.
 */
final class FixParser {
    static final Set<String> FIX_KEYS = RuleGrammar.FIX.keys();
    private static final Set<String> CHANGE_KEYS = RuleGrammar.CHANGE.keys();
    private static final Set<String> CREATE_KEYS = RuleGrammar.CREATE.keys();

    /** What the fix parser needs of the rule parser. */
    interface Context {
        Template compile(String text, String pointer);

        void problem(String pointer, String message);

        void unknownKeys(JsonNode n, String pointer, Set<String> allowed, String what);

        /** What {@code name} stands for in the subject's scope ({@code self}, a relation, a let binding), or {@code null}. */
        Name target(String name);

        Set<String> targets();

        /** A condition (the rule's grammar) at a pointer, or {@code null} after reporting its problems. */
        Condition condition(JsonNode n, String pointer);

        /** Line of the value at a pointer, for ordering messages. */
        int line(String pointer);

        /** Makes the template root {@code each} name the element of a change's {@code forEach} list, or not. */
        void bindEach(boolean bound);
    }

    private final Context ctx;

    FixParser(Context ctx) {
        this.ctx = ctx;
    }

    /** Parses the fix at {@code base}: {@code /fix}, or where a named fix's body was expanded ({@link ConditionUses}). */
    FixSpec parse(JsonNode n, String base) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            ctx.problem(base, "expected {summary, steps, changes, checks, manual}");
            return null;
        }
        ctx.unknownKeys(n, base, FIX_KEYS, "a fix");
        Template summary = text(n, "summary", base, true);
        List<Template> steps = texts(n.get("steps"), base + "/steps");
        List<ChangeSpec> changes = new ArrayList<>();
        JsonNode cs = n.get("changes");
        if (cs != null) {
            if (!cs.isArray()) {
                ctx.problem(base + "/changes", "expected a list of changes {api, target|create, set|append|dataEvents}");
            } else {
                for (int i = 0; i < cs.size(); i++) {
                    ChangeSpec c = change(cs.get(i), base + "/changes/" + i);
                    if (c != null) {
                        changes.add(c);
                    }
                }
            }
        }
        List<List<Template>> checks = new ArrayList<>();
        JsonNode ck = n.get("checks");
        if (ck != null) {
            if (!ck.isArray()) {
                ctx.problem(base + "/checks", "expected a list of commands, each a list of words after 'aws'");
            } else {
                for (int i = 0; i < ck.size(); i++) {
                    String ptr = base + "/checks/" + i;
                    if (!ck.get(i).isArray() || ck.get(i).size() < 2) {
                        ctx.problem(ptr, "expected the words of a read-only command after 'aws': [service, operation, --option, value, ...]");
                        continue;
                    }
                    List<Template> words = texts(ck.get(i), ptr);
                    String op = ck.get(i).get(1).asText();
                    if (!(op.startsWith("get-") || op.startsWith("describe-") || op.startsWith("list-")
                            || op.equals("validate-logs") || op.equals("lookup-events"))) {
                        ctx.problem(ptr + "/1", "a check is read-only (get-…, describe-…, list-…, validate-logs, lookup-events): "
                                + "a change is a typed change under 'changes', rendered by its API's renderer");
                    }
                    checks.add(words);
                }
            }
        }
        Template manual = text(n, "manual", base, false);
        return summary == null ? null : new FixSpec(summary, steps, changes, checks, manual);
    }

    private ChangeSpec change(JsonNode n, String ptr) {
        if (!n.isObject()) {
            ctx.problem(ptr, "expected {api, target|create, set|append|appendEach|dataEvents}");
            return null;
        }
        ctx.unknownKeys(n, ptr, CHANGE_KEYS, "a change");
        String api = n.hasNonNull("api") ? n.get("api").asText() : null;
        if (api == null) {
            ctx.problem(ptr, "missing required key 'api'");
            return null;
        }
        Renderers.Spec renderer = Renderers.find(api);
        if (renderer == null) {
            ctx.problem(ptr + "/api", "no renderer for API '" + api + "'" + Suggestions.hint(api, Renderers.apis())
                    + "; renderers: " + String.join(", ", Renderers.apis()));
            return null;
        }
        JsonNode create = n.get("create");
        String target = n.hasNonNull("target") ? n.get("target").asText() : null;
        if ((create == null) == (target == null)) {
            ctx.problem(ptr, "a change has either 'target' (a resource to edit) or 'create' (a resource to create)");
            return null;
        }
        Name targetName = target == null ? null : ctx.target(target);
        if (target != null && (targetName == null || !(targetName == Name.Root.SELF || targetName instanceof Name.Resources))) {
            ctx.problem(ptr + "/target", "unknown change target '" + target + "': expected self, a relation or a let binding"
                    + Suggestions.hint(target, ctx.targets()));
        }
        boolean delete = n.path("delete").asBoolean(false);
        if (n.has("delete") && !n.get("delete").isBoolean()) {
            ctx.problem(ptr + "/delete", "expected true (the change deletes its target)");
        }
        if (delete != (renderer.phase() == Renderers.Phase.DELETE)) {
            ctx.problem(ptr + "/api", delete ? "API '" + api + "' does not delete a resource"
                    : "API '" + api + "' deletes its target; say 'delete: true'");
        } else if (create != null && !renderer.creates()) {
            ctx.problem(ptr + "/api", "API '" + api + "' changes an existing resource; use 'target'");
        } else if (target != null && renderer.creates() && !renderer.alsoModifies()) {
            ctx.problem(ptr + "/api", "API '" + api + "' creates a resource; use 'create'");
        }
        ForEachSpec forEach = null;
        JsonNode fe = n.get("forEach");
        if (fe != null) {
            if (!fe.isObject() || !fe.path("list").isTextual() || !fe.path("list").asText().startsWith("/")) {
                ctx.problem(ptr + "/forEach", "expected {list: /Json/Pointer/To/A/List, where: condition}");
            } else {
                ctx.unknownKeys(fe, ptr + "/forEach", RuleGrammar.FOR_EACH.keys(), "a forEach");
                forEach = new ForEachSpec(fe.get("list").asText(),
                        fe.has("where") ? ctx.condition(fe.get("where"), ptr + "/forEach/where") : null);
            }
        }
        String prefix = forEach == null ? "" : forEach.list() + "/0";
        ctx.bindEach(forEach != null);
        List<EditSpec> edits = new ArrayList<>();
        edits(n.get("set"), Edit.Kind.SET, false, ptr + "/set", renderer, prefix, edits);
        edits(n.get("append"), Edit.Kind.APPEND, false, ptr + "/append", renderer, prefix, edits);
        edits(n.get("appendEach"), Edit.Kind.APPEND, true, ptr + "/appendEach", renderer, prefix, edits);
        edits(n.get("remove"), Edit.Kind.REMOVE, false, ptr + "/remove", renderer, prefix, edits);
        edits(n.get("removeEach"), Edit.Kind.REMOVE, true, ptr + "/removeEach", renderer, prefix, edits);
        JsonNode un = n.get("unset");
        if (un != null) {
            if (!un.isArray()) {
                ctx.problem(ptr + "/unset", "expected a list of JSON Pointers (/Field/Sub) to remove");
            } else {
                for (int i = 0; i < un.size(); i++) {
                    String path = un.get(i).asText();
                    if (!path.startsWith("/") || !renderer.owns(prefix + path)) {
                        ctx.problem(ptr + "/unset/" + i, "API '" + api + "' does not change " + path + "; it changes "
                                + String.join(", ", renderer.fields()));
                        continue;
                    }
                    Template t = ctx.compile(path, ptr + "/unset/" + i);
                    if (t != null) {
                        edits.add(new EditSpec(Edit.Kind.UNSET, t, com.fasterxml.jackson.databind.node.NullNode.getInstance(), false));
                    }
                }
            }
        }
        JsonNode de = n.get("dataEvents");
        if (de != null) {
            if (!de.isTextual()) {
                ctx.problem(ptr + "/dataEvents", "expected a data resource type such as AWS::S3::Object");
            } else {
                Template selectors = ctx.compile("/EventSelectors", ptr + "/dataEvents");
                edits.add(new EditSpec(Edit.Kind.DATA_EVENTS, selectors, de, false));
                if (!renderer.owns("/EventSelectors")) {
                    ctx.problem(ptr + "/dataEvents", "API '" + api + "' does not change event selectors");
                }
            }
        }
        if (target != null && edits.isEmpty() && !delete) {
            ctx.problem(ptr, "a change of a target needs set, append, appendEach, remove, removeEach, unset or dataEvents");
        } else if (delete && (!edits.isEmpty() || target == null)) {
            ctx.problem(ptr, "a deletion names its target and nothing else to change");
        }
        CreateSpec createSpec = create == null ? null : create(create, ptr + "/create");
        ctx.bindEach(false);
        JsonNode e = n.get("each");
        String each = e == null || (e.isBoolean() && !e.asBoolean()) ? null : e.isBoolean() ? "all" : e.asText();
        if (each != null && !each.equals("all") && !each.equals("rest")) {
            ctx.problem(ptr + "/each", "expected true (every element of the target), rest (all but the first) or false");
        }
        Condition where = n.has("where") ? ctx.condition(n.get("where"), ptr + "/where") : null;
        return new ChangeSpec(api, targetName, each, edits, createSpec, text(n, "when", ptr, false),
                text(n, "unless", ptr, false), ctx.line(ptr), delete, where, forEach);
    }

    private void edits(JsonNode n, Edit.Kind kind, boolean each, String ptr, Renderers.Spec renderer, String prefix,
                       List<EditSpec> out) {
        if (n == null) {
            return;
        }
        if (!n.isObject()) {
            ctx.problem(ptr, "expected a mapping of JSON Pointers (/Field/Sub) to values");
            return;
        }
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) n::fields) {
            String path = e.getKey();
            String p = ptr + "/" + path.replace("~", "~0").replace("/", "~1");
            if (!path.startsWith("/")) {
                ctx.problem(p, "a field is a JSON Pointer starting with '/', such as /LogFileValidationEnabled");
                continue;
            }
            if (!path.contains("{{") && !renderer.owns(prefix + path)) {
                ctx.problem(p, "API '" + renderer.api() + "' does not change " + path + "; it changes "
                        + String.join(", ", renderer.fields()) + " (the proof must cover exactly what is rendered)");
            }
            Template t = ctx.compile(path, p);
            checkTemplates(e.getValue(), p);
            if (t != null) {
                out.add(new EditSpec(kind, t, e.getValue(), each));
            }
        }
    }

    private CreateSpec create(JsonNode n, String ptr) {
        if (!n.isObject()) {
            ctx.problem(ptr, "expected {type, id, account, region, configuration}");
            return null;
        }
        ctx.unknownKeys(n, ptr, CREATE_KEYS, "a created resource");
        String type = n.hasNonNull("type") ? n.get("type").asText() : null;
        if (type == null) {
            ctx.problem(ptr, "missing required key 'type'");
        }
        Template id = text(n, "id", ptr, true);
        Template account = text(n, "account", ptr, true);
        Template region = text(n, "region", ptr, true);
        JsonNode conf = n.get("configuration");
        if (conf == null || !conf.isObject()) {
            ctx.problem(ptr, "missing required key 'configuration' (an object in the snapshot's format)");
            return null;
        }
        checkTemplates(conf, ptr + "/configuration");
        return type == null || id == null || account == null || region == null ? null
                : new CreateSpec(type, id, account, region, conf);
    }

    private void checkTemplates(JsonNode v, String ptr) {
        if (v.isTextual() && v.asText().contains("{{")) {
            ctx.compile(v.asText(), ptr);
        } else if (v.isObject()) {
            v.fields().forEachRemaining(e -> checkTemplates(e.getValue(), ptr + "/" + e.getKey()));
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                checkTemplates(v.get(i), ptr + "/" + i);
            }
        }
    }

    private Template text(JsonNode parent, String key, String ptr, boolean required) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                ctx.problem(ptr, "missing required key '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            ctx.problem(ptr + "/" + key, "expected text, found " + v);
            return null;
        }
        return ctx.compile(v.asText().strip(), ptr + "/" + key);
    }

    private List<Template> texts(JsonNode v, String ptr) {
        List<Template> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            ctx.problem(ptr, "expected a list of texts");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isValueNode()) {
                ctx.problem(ptr + "/" + i, "expected text");
                continue;
            }
            Template t = ctx.compile(v.get(i).asText().strip(), ptr + "/" + i);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
