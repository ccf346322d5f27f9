package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** What a whole fix script claims to fix, and the stand-in script (every own fix in turn) for a build without one. */
final class FixScript {
    /** The comment line that names a finding a block of the stand-in script fixes. */
    static final String CLAIM = "# fixes: ";

    private FixScript() {
    }

    /** The findings the stand-in script claims: those named on its {@value #CLAIM} lines. */
    static Set<String> claimed(String script) {
        Set<String> out = new TreeSet<>();
        script.lines().filter(l -> l.startsWith(CLAIM)).forEach(l -> out.add(l.substring(CLAIM.length()).trim()));
        return out;
    }

    /** The findings a fix plan ({@code scan --fix-script PLAN.json}) claims: its {@code fixes}. */
    static Set<String> claimed(JsonNode plan) {
        Set<String> out = new TreeSet<>();
        plan.path("fixes").forEach(f -> out.add(MotoFixBench.key(f)));
        return out;
    }

    /**
     * Every failing finding's own fix, in turn, each in a subshell under its account's profile: a block that fails
     * is reported and the next one still runs; the script's exit status is the number of failed blocks (at most 255).
     */
    static String concatenated(Collection<JsonNode> findings) {
        StringBuilder s = new StringBuilder("#!/usr/bin/env bash\nset -uo pipefail\nfailed=0\n");
        for (JsonNode f : findings) {
            if (MotoFixBench.commands(f).isEmpty()) {
                continue;
            }
            s.append(CLAIM).append(MotoFixBench.key(f)).append("\n(\nset -e\n").append(MotoFixBench.body(f))
                    .append(") || { failed=$((failed+1)); echo \"tg: the fix of ").append(MotoFixBench.key(f))
                    .append(" failed\" >&2; }\n");
        }
        return s.append("exit $(( failed > 255 ? 255 : failed ))\n").toString();
    }
}
