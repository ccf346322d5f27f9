package io.trailguard.core;

import java.util.List;
import java.util.Objects;

/**
 * How to repair a failing finding: a summary, the steps, ready-to-run AWS CLI commands with the real names filled
 * in, and where the fix is a configuration change, a patch the engine can apply to the snapshot to prove it.
 *
 * @param summary one sentence
 * @param steps   what to do, in order
 * @param cli     AWS CLI commands with names, ARNs and account ids filled in
 * @param target  the resource the patch applies to, or {@code null} when there is no patch
 * @param patch   RFC 6902 operations on {@code target}'s configuration; empty when there is no patch
 * @since 0.1.0
 */
public record Fix(String summary, List<String> steps, List<String> cli, ResourceRef target, List<PatchOperation> patch) {
    public Fix {
        Objects.requireNonNull(summary, "summary");
        steps = List.copyOf(steps);
        cli = List.copyOf(cli);
        patch = List.copyOf(patch);
        if (patch.isEmpty() != (target == null)) {
            throw new IllegalArgumentException("a patch needs a target and a target needs a patch");
        }
    }

    /** True when the fix carries a patch the engine can apply and re-evaluate. */
    public boolean hasPatch() {
        return !patch.isEmpty();
    }
}
