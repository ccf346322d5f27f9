package io.trailguard.core.fix;

import java.util.Objects;

/**
 * Where a fix took the value of one of its rule's parameters that names something of the user's.
 *
 * @param name     the parameter ({@code logBucket})
 * @param value    the value used, or {@code null} when nothing decided it
 * @param source   {@code param} (given with {@code --param} or {@code trailguard.yaml}), {@code default} (the rule's
 *                 default), {@code snapshot: <how>}, or {@code unset}
 * @param variable the shell variable the fix's commands use in its place when unset, else {@code null}
 * @since 0.2.0
 */
public record ParamUse(String name, String value, String source, String variable) {
    public ParamUse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    /** True when nothing decided the value. */
    public boolean isUnset() {
        return value == null;
    }

    /** The declaration a fix script starts with for an unset parameter. */
    public String declaration() {
        return variable + "=\"${" + variable + ":-}\"  # set this: --param " + name + "=…";
    }
}
