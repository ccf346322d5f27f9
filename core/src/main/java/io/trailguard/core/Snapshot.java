package io.trailguard.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.fix.Change;
import io.trailguard.core.fix.render.ChangeSet;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import io.trailguard.core.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What trailguard knows about a set of AWS accounts at one moment: their resources, and the calls that failed while
 * they were collected. The format is described in {@code docs/snapshot-format.md}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Snapshot {
    private final SnapshotIndex index;

    private Snapshot(SnapshotIndex index) {
        this.index = index;
    }

    /**
     * Reads and validates a snapshot file.
     *
     * @throws InvalidInputException naming the file, line, column and JSON pointer of every problem
     * @throws UncheckedIOException  when the file cannot be read
     */
    public static Snapshot read(Path file) {
        try {
            return new Snapshot(SnapshotReader.read(file.toString(), file));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0,
                    "cannot read the snapshot file: " + e.getMessage(), null));
        }
    }

    /** Parses and validates snapshot JSON text; {@code source} names it in messages. */
    public static Snapshot parse(String json, String source) {
        return new Snapshot(SnapshotReader.read(source, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The moment the snapshot was captured; time-based rules compare with it, never with the wall clock. */
    public Instant capturedAt() {
        return index.capturedAt();
    }

    /** The ids of the accounts the snapshot covers. */
    public List<String> accountIds() {
        return List.copyOf(index.accounts().keySet());
    }

    /** The resources, in file order. */
    public List<ResourceRef> resources() {
        return index.resources().stream().map(ResourceNode::ref).toList();
    }

    /** The API calls that failed during collection. */
    public List<CollectionError> errors() {
        return index.errors();
    }

    /** The snapshot as indented JSON text, in the format it was read from. */
    public String toJson() {
        return Json.pretty(document());
    }

    /**
     * A copy of this snapshot with typed changes applied: edited resources replaced, created ones added, deleted ones
     * removed (used to
     * prove fixes and fix plans).
     *
     * @throws IllegalArgumentException when a changed resource is not in the snapshot or a change does not apply
     */
    public Snapshot withChanges(List<Change> changes) {
        Map<ResourceRef, ChangeSet.State> states = ChangeSet.apply(index, changes);
        List<ResourceNode> resources = new ArrayList<>(index.resources().size() + states.size());
        Set<ResourceRef> seen = new HashSet<>();
        for (ResourceNode r : index.resources()) {
            ChangeSet.State s = states.get(r.ref());
            if (s == null) {
                resources.add(r);
            } else if (s.after() != null) {
                resources.add(new ResourceNode(r.ref(), s.after()));
            } // else deleted by a change
            seen.add(r.ref());
        }
        for (ChangeSet.State s : states.values()) {
            if (!seen.contains(s.ref()) && s.after() != null) {
                resources.add(new ResourceNode(s.ref(), s.after()));
            }
        }
        List<AccountInfo> accounts = List.copyOf(index.accounts().values());
        return new Snapshot(new SnapshotIndex(index.capturedAt(), index.organization(), accounts, resources,
                index.errors(), null));
    }

    /** The indexed content. Implementation detail of the engine; not for library users. */
    public SnapshotIndex index() {
        return index;
    }

    private JsonNode document() {
        JsonNode src = index.source();
        if (src != null) {
            return src;
        }
        // A patched snapshot: rebuild the document from the source-less index.
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("snapshotVersion", 1);
        doc.put("capturedAt", index.capturedAt().toString());
        if (index.organization() != null) {
            doc.putObject("organization").put("id", index.organization().id())
                    .put("managementAccountId", index.organization().managementAccountId());
        }
        ArrayNode accounts = doc.putArray("accounts");
        for (AccountInfo a : index.accounts().values()) {
            ObjectNode o = accounts.addObject().put("id", a.id());
            if (a.name() != null) {
                o.put("name", a.name());
            }
            if (!a.regions().isEmpty()) {
                ArrayNode rs = o.putArray("regions");
                a.regions().forEach(rs::add);
            }
        }
        ArrayNode resources = doc.putArray("resources");
        for (ResourceNode r : index.resources()) {
            resources.addObject().put("type", r.type()).put("id", r.id()).put("accountId", r.accountId())
                    .put("region", r.region()).set("configuration", r.configuration());
        }
        ArrayNode errors = doc.putArray("errors");
        for (CollectionError e : index.errors()) {
            ObjectNode o = errors.addObject().put("accountId", e.accountId()).put("region", e.region())
                    .put("service", e.service()).put("operation", e.operation()).put("code", e.code())
                    .put("message", e.message());
            if (e.resourceType() != null) {
                o.put("resourceType", e.resourceType());
            }
            if (e.resourceId() != null) {
                o.put("resourceId", e.resourceId());
            }
            if (!e.fields().isEmpty()) {
                ArrayNode f = o.putArray("fields");
                e.fields().forEach(f::add);
            }
        }
        return doc;
    }
}
