package io.trailguard.core.relation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The fields a relation reads, each with the JSON type AWS returns for it: fields of its subject, whose values it
 * follows, and fields of other resources, whose values decide whether those are related to the subject (an inverse
 * reads every trail's {@code KmsKeyId}). {@link ReferenceFields} derives them from a relation's declaration; an
 * {@link Algorithm} declares its own. Immutable.
 *
 * @param subject fields of the subject, in the order they are checked
 * @param others  fields of other resources, in the order they are checked
 */
record Reads(List<Field> subject, List<Field> others) {
    /** Reads no field. */
    static final Reads NONE = new Reads(List.of(), List.of());

    /** What a field's value must be. */
    enum Kind { STRING, BOOLEAN, OBJECT }

    /**
     * A field of resources of a type, as a path of names ({@code Replication.Rules[].Destination.Bucket}: {@code []}
     * after a name means a list of elements), and the kind of its value (of each element, for a path ending in
     * {@code []}).
     */
    record Field(String type, String path, Kind kind) {
    }

    Reads {
        subject = List.copyOf(new LinkedHashSet<>(subject));
        others = List.copyOf(new LinkedHashSet<>(others));
    }

    /** Reads the fields of other resources only. */
    static Reads others(List<Field> others) {
        return new Reads(List.of(), others);
    }

    /** Both, each list in order and each field once. */
    Reads and(Reads more) {
        return new Reads(concat(subject, more.subject), concat(others, more.others));
    }

    /** Everything it reads, as fields of other resources: what another relation built on this one reads. */
    Reads asOthers() {
        return others(concat(subject, others));
    }

    private static List<Field> concat(List<Field> a, List<Field> b) {
        List<Field> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
