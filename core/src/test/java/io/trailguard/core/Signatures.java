package io.trailguard.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaType;
import java.util.LinkedHashSet;
import java.util.Set;

/** For the architecture tests: every class a public signature mentions, type arguments and bounds included. */
public final class Signatures {
    private Signatures() {
    }

    /**
     * The raw types of a method's or constructor's parameters, return type and thrown types, with every type
     * argument, wildcard bound and array component inside them ({@code Map<String, ObjectNode>} gives Map, String and
     * ObjectNode): the raw types alone miss a third-party type inside a generic.
     */
    public static Set<JavaClass> involvedTypes(JavaCodeUnit m) {
        Set<JavaClass> out = new LinkedHashSet<>();
        for (JavaType t : m.getParameterTypes()) {
            out.addAll(t.getAllInvolvedRawTypes());
        }
        out.addAll(m.getReturnType().getAllInvolvedRawTypes());
        m.getThrowsClause().getTypes().forEach(t -> out.addAll(t.getAllInvolvedRawTypes()));
        return out;
    }
}
