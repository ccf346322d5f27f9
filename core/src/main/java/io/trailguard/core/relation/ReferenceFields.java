package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields relations join on, with the JSON type AWS returns for each, derived from each relation's declaration
 * ({@link Reads}). A field of another type (a number where AWS returns a key ARN, an object where it returns a bucket
 * name, the string {@code "true"} where it returns a boolean) cannot be followed, and reading it as absent would make
 * a related resource vanish: a trail whose {@code KmsKeyId} is an object would have no key, and the key no trail, so
 * every rule over them would say NOT_APPLICABLE. Instead the relation is incomplete with a {@code WRONG_TYPE} reason
 * naming the field and its JSON pointer: from the resource that holds the field (forward: trail → kmsKey), and from
 * every resource that such a field might name (reverse: key → trails), since which one it names cannot be told.
 *
 * <p>Each {@link Join} says what it reads ({@link Join#reads}), from its declaration in relations.yaml (a user's too);
 * each {@link Algorithm} declares it next to its code.
 */
final class ReferenceFields {
    /** Per snapshot and field of other resources, the first wrong-typed value of that field: computed once. */
    private static final Map<SnapshotIndex, Map<Reads.Field, Optional<UnknownReason>>> WRONG_ANYWHERE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private ReferenceFields() {
    }

    /**
     * The relation's result, made incomplete ({@code WRONG_TYPE}) when a field it reads, of the subject or of the
     * resources it joins on, has a JSON type AWS never returns. A result that already has a gap keeps it.
     */
    static RelationResult checked(Relation relation, SnapshotIndex index, ResourceNode subject, RelationResult r) {
        Reads reads = relation.reads();
        // the subject's own field first: a gap the lookup found for a misread value is not the reason
        for (Reads.Field f : reads.subject()) {
            Optional<UnknownReason> wrong = wrong(subject, f);
            if (wrong.isPresent()) {
                return new RelationResult(r.found(), wrong.get(), r.sought());
            }
        }
        if (r.gap() == null && !reads.others().isEmpty()) {
            Map<Reads.Field, Optional<UnknownReason>> anywhere =
                    WRONG_ANYWHERE.computeIfAbsent(index, k -> new ConcurrentHashMap<>());
            for (Reads.Field f : reads.others()) {
                Optional<UnknownReason> u = anywhere.computeIfAbsent(f, k -> firstWrong(index, k));
                if (u.isPresent()) {
                    return new RelationResult(r.found(), new UnknownReason(u.get().code(), u.get().detail()
                            + ", so it cannot be told whether it names " + subject.id()), r.sought());
                }
            }
        }
        return r;
    }

    private static Optional<UnknownReason> firstWrong(SnapshotIndex index, Reads.Field f) {
        for (ResourceNode n : index.ofType(f.type())) {
            Optional<UnknownReason> w = wrong(n, f);
            if (w.isPresent()) {
                return w;
            }
        }
        return Optional.empty();
    }

    /** The first value on the field's path that is not of the kind AWS returns; absent values are fine. */
    static Optional<UnknownReason> wrong(ResourceNode n, Reads.Field f) {
        List<String> names = List.of(f.path().split("\\."));
        List<String> wrong = new ArrayList<>();
        walk(n.configuration(), names, 0, "$", "", f.kind(), wrong);
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnknownReason(UnknownReason.Code.WRONG_TYPE, wrong.get(0).replace("\0", n.id())));
    }

    private static void walk(JsonNode node, List<String> names, int i, String path, String pointer, Reads.Kind leaf,
                             List<String> wrong) {
        if (!wrong.isEmpty()) {
            return;
        }
        String name = names.get(i);
        boolean list = name.endsWith("[]");
        String key = list ? name.substring(0, name.length() - 2) : name;
        JsonNode v = node.get(key);
        String p = path + "." + key;
        String ptr = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        if (v == null || v.isNull()) {
            return;
        }
        boolean last = i == names.size() - 1;
        if (list) {
            if (!v.isArray()) {
                wrong.add(describe(p, ptr, v, "a list"));
                return;
            }
            for (int e = 0; e < v.size() && wrong.isEmpty(); e++) {
                JsonNode el = v.get(e);
                String ep = p + "[" + e + "]";
                String eptr = ptr + "/" + e;
                if (last) {
                    check(el, ep, eptr, leaf, wrong);
                } else if (!el.isObject()) {
                    wrong.add(describe(ep, eptr, el, "an object"));
                } else {
                    walk(el, names, i + 1, ep, eptr, leaf, wrong);
                }
            }
        } else if (last) {
            check(v, p, ptr, leaf, wrong);
        } else if (!v.isObject()) {
            wrong.add(describe(p, ptr, v, "an object"));
        } else {
            walk(v, names, i + 1, p, ptr, leaf, wrong);
        }
    }

    private static void check(JsonNode v, String path, String pointer, Reads.Kind kind, List<String> wrong) {
        boolean ok = switch (kind) {
            case STRING -> v.isTextual();
            case BOOLEAN -> v.isBoolean();
            case OBJECT -> v.isObject();
        };
        if (!ok) {
            wrong.add(describe(path, pointer, v, switch (kind) {
                case STRING -> "a string";
                case BOOLEAN -> "a boolean";
                case OBJECT -> "an object";
            }));
        }
    }

    private static String describe(String path, String pointer, JsonNode v, String wanted) {
        String shown = v.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        String type = switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        return path + " (JSON pointer " + pointer + ") of \0 is " + type + " (" + shown + ") where AWS returns "
                + wanted;
    }
}
