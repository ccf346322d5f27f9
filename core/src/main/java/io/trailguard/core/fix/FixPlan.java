package io.trailguard.core.fix;

import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.fix.render.ChangeSet;
import io.trailguard.core.fix.render.Renderers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fix plan for a whole scan: the typed changes of every failing finding, merged per resource (CT-08's and CT-09's
 * selectors on one trail become one {@code put-event-selectors}), rendered once per resource and API, ordered
 * (resources others point at first, then policies, then configuration, then starts; within each, by account and
 * region), and proven as a whole: all changes applied together to the snapshot, the pack evaluated again. Findings
 * the plan cannot fix are listed with the reason. Immutable.
 *
 * @param commands   the commands in the order to run them, each with the findings it serves
 * @param fixed      the failing findings the plan claims to fix
 * @param unfixable  the failing findings it cannot fix, with the reason
 * @param variables  the unset parameters the commands use (the script refuses to run until they are set)
 * @param proof      the proof of the plan as a whole
 * @since 0.2.0
 */
public record FixPlan(List<PlannedCommand> commands, List<Finding> fixed, List<Unfixable> unfixable,
                      List<ParamUse> variables, Proof proof) {
    public FixPlan {
        commands = List.copyOf(commands);
        fixed = List.copyOf(fixed);
        unfixable = List.copyOf(unfixable);
        variables = List.copyOf(variables);
    }

    /** A command of the plan and the findings (rule id and resource) whose changes it renders. */
    public record PlannedCommand(FixCommand command, String phase, ResourceRef target, List<String> findings) {
        public PlannedCommand {
            findings = List.copyOf(findings);
        }
    }

    /** A failing finding the plan does not fix, and why. */
    public record Unfixable(Finding finding, String reason) {
    }

    /**
     * The plan's proof.
     *
     * @param result       {@code proven}, {@code not-proven} or {@code not-provable} (an unset parameter, or no change)
     * @param detail       what happened, in plain words
     * @param stillFailing claimed findings that do not PASS after all changes
     * @param newFailures  findings that did not fail before and fail after
     */
    public record Proof(String result, String detail, List<String> stillFailing, List<String> newFailures) {
        public Proof {
            stillFailing = List.copyOf(stillFailing);
            newFailures = List.copyOf(newFailures);
        }

        public boolean proven() {
            return result.equals("proven");
        }
    }

    private static final int ROUNDS = 3;

    /**
     * Builds and proves the plan.
     *
     * @param scanned the scan of {@code snapshot} by {@code engine} and {@code pack} (what "worse" is judged against)
     * @param shown   the findings to fix: {@code scanned}, possibly narrowed, suppressed and baselined; its open
     *                failures are planned
     */
    public static FixPlan build(Engine engine, RulePack pack, Snapshot snapshot, ScanResult scanned, ScanResult shown) {
        List<Finding> failing = shown.findings().stream().filter(Finding::isOpenFailure).toList();
        List<Change> changes = new ArrayList<>();
        Map<ResourceRef, Set<String>> servedBy = new LinkedHashMap<>();
        List<Finding> fixed = new ArrayList<>();
        List<Unfixable> unfixable = new ArrayList<>();
        Map<String, ParamUse> unset = new LinkedHashMap<>();
        for (Finding f : failing) {
            Fix fix = f.fix();
            if (fix == null) {
                unfixable.add(new Unfixable(f, "the rule has no fix"));
                continue;
            }
            if (fix.changes().isEmpty()) {
                unfixable.add(new Unfixable(f, fix.whyNotProvable()));
                continue;
            }
            fixed.add(f);
            add(changes, servedBy, fix.changes(), label(f));
            fix.unsetParams().forEach(p -> unset.putIfAbsent(p.variable(), p));
        }
        Proof proof;
        if (failing.isEmpty()) {
            proof = new Proof("proven", "no finding fails: there is nothing to change", List.of(), List.of());
        } else if (changes.isEmpty()) {
            proof = new Proof("not-provable", "no failing finding has a typed change", List.of(), List.of());
        } else if (!unset.isEmpty()) {
            proof = new Proof("not-provable", "not provable until " + String.join(", ",
                    unset.values().stream().map(ParamUse::name).distinct().toList()) + " is set: set "
                    + String.join(", ", unset.values().stream().map(p -> "--param " + p.name() + "=…").distinct().toList())
                    + " and plan again", List.of(), List.of());
        } else {
            proof = prove(engine, pack, snapshot, scanned, fixed, changes, servedBy);
        }
        Set<String> variables = unset.keySet();
        Map<ResourceRef, ChangeSet.State> states;
        try {
            states = ChangeSet.apply(snapshot.index(), changes);
        } catch (IllegalArgumentException e) {
            return new FixPlan(List.of(), List.of(), unfixable, List.copyOf(unset.values()),
                    new Proof("not-proven", e.getMessage(), List.of(), List.of()));
        }
        List<PlannedCommand> commands = new ArrayList<>();
        for (ChangeSet.State s : states.values()) {
            for (FixCommand c : ChangeSet.commands(s, variables)) {
                String api = apiOf(s, c);
                commands.add(new PlannedCommand(c, api, s.ref(), List.copyOf(servedBy.getOrDefault(s.ref(), Set.of()))));
            }
        }
        commands.sort(Comparator.comparing((PlannedCommand p) -> Renderers.Phase.valueOf(p.phase()).ordinal())
                .thenComparing(p -> p.command().account()).thenComparing(p -> p.command().region()));
        return new FixPlan(commands, fixed, unfixable, List.copyOf(unset.values()), proof);
    }

    private static String apiOf(ChangeSet.State s, FixCommand c) {
        // the phase of the API whose renderer produced the command: the service and operation words match it
        for (String api : s.apis()) {
            Renderers.Spec spec = Renderers.find(api);
            if (s.after() == null && spec.phase() != Renderers.Phase.DELETE) {
                continue;
            }
            for (List<String> argv : spec.render(s.ref(), s.before() == null && !spec.creates()
                    ? io.trailguard.core.snapshot.Json.MAPPER.createObjectNode() : s.before(), s.after())) {
                if (argv.equals(c.argv())) {
                    return spec.phase().name();
                }
            }
        }
        return Renderers.Phase.CONFIGURE.name();
    }

    private static void add(List<Change> changes, Map<ResourceRef, Set<String>> servedBy, List<Change> more, String label) {
        for (Change c : more) {
            if (!changes.contains(c)) {
                changes.add(c);
            }
            servedBy.computeIfAbsent(c.target(), k -> new LinkedHashSet<>()).add(label);
        }
    }

    private static String label(Finding f) {
        return f.ruleId() + " on " + f.resource().id();
    }

    private static String key(Finding f) {
        return f.ruleId() + "|" + f.resource().type() + "|" + f.resource().id();
    }

    /**
     * Applies every change, evaluates again; findings that fail only because of the plan (or claimed findings still
     * failing) whose fixes on the changed snapshot have typed changes get them added, up to a few rounds.
     */
    private static Proof prove(Engine engine, RulePack pack, Snapshot snapshot, ScanResult scanned, List<Finding> fixed,
                               List<Change> changes, Map<ResourceRef, Set<String>> servedBy) {
        Set<String> failedBefore = new HashSet<>();
        scanned.findings().stream().filter(f -> f.status() == Status.FAIL).forEach(f -> failedBefore.add(key(f)));
        Set<String> claimed = new LinkedHashSet<>();
        fixed.forEach(f -> claimed.add(key(f)));
        Map<String, Finding> labels = new HashMap<>();
        fixed.forEach(f -> labels.put(key(f), f));
        List<String> still = new ArrayList<>();
        List<String> worse = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ScanResult after;
            try {
                after = engine.scan(pack, snapshot.withChanges(changes));
            } catch (IllegalArgumentException e) {
                return new Proof("not-proven", "the changes do not apply together: " + e.getMessage(), List.of(), List.of());
            }
            still.clear();
            worse.clear();
            Map<String, Status> now = new HashMap<>();
            List<Finding> followUps = new ArrayList<>();
            Set<ResourceRef> created = new HashSet<>();
            changes.stream().filter(c -> c instanceof Change.Create).forEach(c -> created.add(c.target()));
            for (Finding f : after.findings()) {
                now.put(key(f), f.status());
                boolean isClaimed = claimed.contains(key(f));
                if (f.status() == Status.FAIL && (isClaimed || (!failedBefore.contains(key(f)) && !created.contains(f.resource())))) {
                    if (isClaimed) {
                        still.add(label(f) + " (still FAIL)");
                    } else {
                        worse.add(label(f) + ": " + f.message());
                    }
                    if (f.fix() != null && f.fix().isProvable()) {
                        followUps.add(f);
                    }
                }
            }
            for (String k : claimed) {
                Status s = now.get(k);
                if (s != null && s != Status.PASS && s != Status.FAIL && s != Status.NOT_APPLICABLE) {
                    still.add(label(labels.get(k)) + " (" + s + ")");
                }
            }
            if (still.isEmpty() && worse.isEmpty()) {
                return new Proof("proven", "all " + changes.size() + " changes applied together to the snapshot and the pack "
                        + "evaluated again: the " + claimed.size() + " findings the plan fixes no longer fail and no other "
                        + "existing resource's finding fails" + (round > 0 ? " (" + round + " follow-up round(s) of changes the first ones needed)" : ""),
                        List.of(), List.of());
            }
            int before = changes.size();
            for (Finding f : followUps) {
                add(changes, servedBy, f.fix().changes(), label(f) + " (needed by the plan)");
            }
            if (changes.size() == before) {
                break;
            }
        }
        return new Proof("not-proven", still.size() + " finding(s) the plan fixes still fail and " + worse.size()
                + " other finding(s) fail after all changes", still, worse);
    }
}
