package io.trailguard.core.relation;

/** A key that is equal only to a key of the same object: relations are compared by identity, not by their fields. */
record Identity(Object of) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Identity i && i.of == of;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(of);
    }
}
