package io.trailguard.core;

import java.util.List;

/**
 * The result of applying a failing finding's patch to the snapshot and evaluating again.
 *
 * @param finding       the failure whose fix was tried
 * @param proven        true when the finding now passes and no other finding newly fails
 * @param after         the finding's status after the patch
 * @param newFailures   findings of other rules (or resources) that passed before and fail after
 * @param explanation   what happened, in plain words
 * @since 0.1.0
 */
public record FixProof(Finding finding, boolean proven, Status after, List<Finding> newFailures, String explanation) {
    public FixProof {
        newFailures = List.copyOf(newFailures);
    }
}
