package io.trailguard.core.fix.render;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.fix.Change.Edit;
import io.trailguard.core.snapshot.Json;
import java.util.List;

/**
 * Applies the edits of a change to a copy of a resource's configuration. Every edit is idempotent, so the changes of
 * several findings to one resource merge: applied in turn they give the one desired state the renderer renders.
 */
public final class ChangeApplier {
    private ChangeApplier() {
    }

    /** Thrown when an edit cannot be applied (a path through a scalar). */
    public static final class EditException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EditException(String message) {
            super(message);
        }
    }

    /** A copy of {@code config} with the edits applied in order. */
    public static ObjectNode apply(ObjectNode config, List<Edit> edits) {
        ObjectNode doc = config.deepCopy();
        for (Edit e : edits) {
            JsonNode value = Json.parse(e.value());
            switch (e.kind()) {
                case SET -> set(doc, e.path(), value);
                case APPEND -> append(doc, e.path(), value);
                case REMOVE -> remove(doc, e.path(), value);
                case UNSET -> unset(doc, e.path());
                case DATA_EVENTS -> dataEvents(doc, value.asText());
            }
        }
        return doc;
    }

    /** The container holding the last segment of {@code ptr}: objects are created on the way, list elements must exist. */
    private static JsonNode parent(ObjectNode doc, JsonPointer ptr, String path) {
        JsonNode cur = doc;
        for (JsonPointer p = ptr; p.tail() != null && !p.tail().matches(); p = p.tail()) {
            JsonNode next;
            if (cur instanceof ArrayNode a) {
                int i = p.getMatchingIndex();
                if (i < 0 || i >= a.size()) {
                    throw new EditException("no element " + p.getMatchingProperty() + " in the list on the way to " + path);
                }
                next = a.get(i);
            } else {
                next = cur.get(p.getMatchingProperty());
                if (next == null || next.isNull()) {
                    if (!(cur instanceof ObjectNode o)) {
                        throw new EditException("no object at the parent of " + path);
                    }
                    next = o.putObject(p.getMatchingProperty());
                }
            }
            cur = next;
        }
        if (!cur.isContainerNode()) {
            throw new EditException("no object at the parent of " + path);
        }
        return cur;
    }

    static void set(ObjectNode doc, String path, JsonNode value) {
        JsonPointer ptr = JsonPointer.compile(path);
        JsonNode parent = parent(doc, ptr, path);
        if (parent instanceof ArrayNode a) {
            int i = ptr.last().getMatchingIndex();
            if (i < 0 || i >= a.size()) {
                throw new EditException("no element at " + path);
            }
            a.set(i, value);
        } else {
            ((ObjectNode) parent).set(ptr.last().getMatchingProperty(), value);
        }
    }

    static void append(ObjectNode doc, String path, JsonNode value) {
        JsonPointer ptr = JsonPointer.compile(path);
        JsonNode p = parent(doc, ptr, path);
        if (!(p instanceof ObjectNode parent)) {
            throw new EditException("no object at the parent of " + path);
        }
        String name = ptr.last().getMatchingProperty();
        JsonNode list = parent.get(name);
        if (list == null || list.isNull()) {
            list = parent.putArray(name);
        }
        if (!(list instanceof ArrayNode a)) {
            throw new EditException("no list at " + path);
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = a.get(i);
            if (x.equals(value)) {
                return;
            }
            String key = nameKey(value);
            if (key != null && x.path(key).equals(value.get(key))) {
                a.set(i, value); // put semantics: a named element (a filter, an inline policy) replaces its namesake
                return;
            }
        }
        a.add(value);
    }

    /** Takes every element equal to {@code value} out of the list at {@code path}; no list there is no change. */
    static void remove(ObjectNode doc, String path, JsonNode value) {
        JsonNode list = doc.at(path);
        if (list.isMissingNode() || list.isNull()) {
            return;
        }
        if (!(list instanceof ArrayNode a)) {
            throw new EditException("no list at " + path);
        }
        for (int i = a.size() - 1; i >= 0; i--) {
            if (a.get(i).equals(value)) {
                a.remove(i);
            }
        }
    }

    /** Removes the field at {@code path}; an absent field is no change. */
    static void unset(ObjectNode doc, String path) {
        JsonPointer ptr = JsonPointer.compile(path);
        JsonNode parent = doc.at(ptr.head());
        if (parent instanceof ObjectNode o) {
            o.remove(ptr.last().getMatchingProperty());
        } else if (!parent.isMissingNode() && !parent.isNull()) {
            throw new EditException("no object at the parent of " + path);
        }
    }

    /** The field that names an element of the lists the put-… APIs upsert by name. */
    private static String nameKey(JsonNode v) {
        if (!v.isObject()) {
            return null;
        }
        for (String k : List.of("filterName", "PolicyName", "policyName", "name", "ID")) {
            if (v.hasNonNull(k)) {
                return k;
            }
        }
        return null;
    }

    /**
     * A created resource's configuration over an existing one (a put-… API on a resource that exists): named fields
     * replace, lists of text are joined (an alarm keeps its existing actions).
     */
    public static ObjectNode merge(ObjectNode existing, ObjectNode created) {
        ObjectNode out = existing.deepCopy();
        created.fields().forEachRemaining(e -> {
            JsonNode old = out.get(e.getKey());
            if (old instanceof ArrayNode oa && e.getValue() instanceof ArrayNode na) {
                ArrayNode joined = oa.deepCopy();
                for (JsonNode n : na) {
                    boolean has = false;
                    for (JsonNode o : joined) {
                        has |= o.equals(n);
                    }
                    if (!has) {
                        joined.add(n);
                    }
                }
                out.set(e.getKey(), joined);
            } else if (!(old != null && old.isNumber() && e.getValue().isNumber()
                    && old.decimalValue().compareTo(e.getValue().decimalValue()) == 0)) {
                out.set(e.getKey(), e.getValue()); // 1 and 1.0 are one threshold
            }
        });
        return out;
    }

    /**
     * Makes a trail record the data events of {@code type} for all resources: an advanced selector when the trail
     * uses advanced selectors, else a data resource in its read-write basic selector. Existing selectors are kept.
     * Values per https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DataResource.html
     * ({@code arn:aws:s3} for all buckets, {@code arn:aws:lambda} for all functions) and
     * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html.
     */
    static void dataEvents(ObjectNode trail, String type) {
        JsonNode adv = trail.get("AdvancedEventSelectors");
        if (adv instanceof ArrayNode a && !a.isEmpty()) {
            ObjectNode sel = Json.MAPPER.createObjectNode();
            sel.put("Name", type + " data events");
            ArrayNode fs = sel.putArray("FieldSelectors");
            fs.addObject().put("Field", "eventCategory").putArray("Equals").add("Data");
            fs.addObject().put("Field", "resources.type").putArray("Equals").add(type);
            String bucket = trail.path("S3BucketName").asText("");
            if (type.equals("AWS::S3::Object") && !bucket.isEmpty()) {
                // the trail's own deliveries are not worth recording (and would record themselves)
                fs.addObject().put("Field", "resources.ARN").putArray("NotStartsWith").add("arn:aws:s3:::" + bucket + "/");
            }
            append(trail, "/AdvancedEventSelectors", sel);
            return;
        }
        JsonNode basic = trail.get("EventSelectors");
        ArrayNode sels;
        if (basic instanceof ArrayNode b && !b.isEmpty()) {
            sels = b;
        } else {
            // the default of a trail without selectors: all management events
            sels = trail.putArray("EventSelectors");
            ObjectNode d = sels.addObject();
            d.put("ReadWriteType", "All").put("IncludeManagementEvents", true);
            d.putArray("DataResources");
            d.putArray("ExcludeManagementEventSources");
        }
        ObjectNode all = null;
        for (JsonNode s : sels) {
            if (s.path("ReadWriteType").asText("All").equals("All") && s instanceof ObjectNode o) {
                all = o;
                break;
            }
        }
        if (all == null) {
            all = sels.addObject();
            all.put("ReadWriteType", "All").put("IncludeManagementEvents", false);
        }
        String value = type.equals("AWS::Lambda::Function") ? "arn:aws:lambda" : "arn:aws:s3";
        JsonNode drs = all.get("DataResources");
        ArrayNode list = drs instanceof ArrayNode l ? l : all.putArray("DataResources");
        for (JsonNode dr : list) {
            if (dr.path("Type").asText().equals(type) && dr instanceof ObjectNode o) {
                JsonNode vals = o.get("Values");
                ArrayNode vs = vals instanceof ArrayNode v ? v : o.putArray("Values");
                for (JsonNode v : vs) {
                    if (v.asText().equals(value) || v.asText().equals(value + ":::")) {
                        return;
                    }
                }
                vs.removeAll();
                vs.add(value);
                return;
            }
        }
        ObjectNode dr = list.addObject();
        dr.put("Type", type);
        dr.putArray("Values").add(value);
    }
}
