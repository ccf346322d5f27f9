package io.trailguard.cli;

import io.trailguard.core.ResourceRef;
import io.trailguard.core.Snapshot;
import io.trailguard.core.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks {@code --account} and {@code --region} against the snapshot: a filter that matches nothing is a usage
 * error with "did you mean", never an empty report and a green build.
 */
final class ScanFilters {
    private ScanFilters() {
    }

    /** Throws a {@link Main.UserError} naming every filter value the snapshot does not hold. */
    static void check(List<String> accounts, List<String> regions, Snapshot snap) {
        Set<String> known = new TreeSet<>(snap.accountIds());
        Set<String> knownRegions = new TreeSet<>();
        for (ResourceRef r : snap.resources()) {
            known.add(r.accountId());
            if (!r.region().equals("global")) {
                knownRegions.add(r.region());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String a : accounts) {
            if (!known.contains(a)) {
                problems.add("--account " + a + ": the snapshot holds no account " + a + hint(a, known)
                        + "; its accounts: " + String.join(", ", known));
            }
        }
        for (String r : regions) {
            if (!knownRegions.contains(r)) {
                problems.add("--region " + r + ": the snapshot holds no resource in region " + r + hint(r, knownRegions)
                        + "; its regions: " + String.join(", ", knownRegions));
            }
        }
        if (!problems.isEmpty()) {
            throw new Main.UserError(String.join("\n", problems));
        }
    }

    /** The nearest by edit distance, else the one candidate that starts or ends with what was typed. */
    private static String hint(String word, Set<String> candidates) {
        String near = Suggestions.hint(word, candidates);
        if (!near.isEmpty()) {
            return near;
        }
        List<String> partial = candidates.stream().filter(c -> c.startsWith(word) || c.endsWith(word)).toList();
        return partial.size() == 1 ? " (did you mean '" + partial.get(0) + "'?)" : "";
    }
}
