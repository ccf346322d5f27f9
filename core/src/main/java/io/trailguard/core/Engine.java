package io.trailguard.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.engine.ParamValues;
import io.trailguard.core.engine.RuleRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link RulePack} against a {@link Snapshot}. Parameters given here override the rules' defaults:
 * {@code name=value} sets every rule's parameter of that name, {@code RULE-ID.name=value} one rule's.
 *
 * <p>A subject a rule does not apply to gets no finding unless {@link #keepingNotApplicable()} asks for one: it is
 * counted in the result ({@link EvaluatedRule#omittedNotApplicable()}), which keeps large scans small.
 *
 * <p>Immutable and thread-safe; one engine can scan many snapshots.
 *
 * @since 0.1.0
 */
public final class Engine {
    private final Map<String, String> params;
    private final boolean keepNotApplicable;

    private Engine(Map<String, String> params, boolean keepNotApplicable) {
        this.params = Map.copyOf(params);
        this.keepNotApplicable = keepNotApplicable;
    }

    /** An engine with every rule's default parameters. */
    public static Engine create() {
        return new Engine(Map.of(), false);
    }

    /** An engine with parameter overrides ({@code name} or {@code RULE-ID.name} to a value as text). */
    public static Engine withParams(Map<String, String> params) {
        return new Engine(params, false);
    }

    /**
     * This engine, but keeping a {@link Status#NOT_APPLICABLE} finding (message and evidence) for every subject a
     * rule does not apply to, for reports that list them and for consumers that report every outcome.
     */
    public Engine keepingNotApplicable() {
        return new Engine(params, true);
    }

    /**
     * Evaluates every rule of the pack for every subject of the snapshot.
     *
     * @throws InvalidInputException when a parameter names no rule parameter or has the wrong type
     */
    public ScanResult scan(RulePack pack, Snapshot snapshot) {
        Map<String, ObjectNode> resolved = ParamValues.resolve(pack, params, Map.of());
        RuleRunner runner = new RuleRunner(snapshot.index());
        List<Finding> findings = new ArrayList<>();
        List<EvaluatedRule> rules = new ArrayList<>(pack.size());
        for (RuleDefinition r : pack.definitions()) {
            List<ResourceRef> omitted = runner.run(r, resolved.get(r.id()), findings, keepNotApplicable);
            rules.add(new EvaluatedRule(r.id(), r.title(), r.severity(), r.description(), r.references(), omitted));
        }
        return new ScanResult(snapshot.capturedAt(), snapshot.accountIds(), snapshot.index().resources().size(),
                snapshot.errors(), rules, findings);
    }

    /**
     * Applies a failing finding's typed changes (exactly what its commands are rendered from) to the snapshot,
     * evaluates the whole pack again, and tells whether the finding now passes without any other finding newly
     * failing. A fix with an unset parameter is not provable until it is set.
     *
     * @throws IllegalArgumentException when the finding carries no typed change
     */
    public FixProof proveFix(RulePack pack, Snapshot snapshot, Finding finding) {
        return proveFix(pack, snapshot, finding, scan(pack, snapshot));
    }

    /** As {@link #proveFix(RulePack, Snapshot, Finding)}, reusing the scan of the unpatched snapshot. */
    public FixProof proveFix(RulePack pack, Snapshot snapshot, Finding finding, ScanResult before) {
        Fix fix = finding.fix();
        if (fix == null || fix.changes().isEmpty()) {
            throw new IllegalArgumentException("finding " + finding.ruleId() + " on " + finding.resource().id()
                    + " has no typed change to prove");
        }
        if (!fix.isProvable()) {
            return new FixProof(finding, false, Status.FAIL, List.of(), fix.whyNotProvable());
        }
        Snapshot patched;
        try {
            patched = snapshot.withChanges(fix.changes());
        } catch (IllegalArgumentException e) {
            return new FixProof(finding, false, Status.FAIL, List.of(), e.getMessage());
        }
        ScanResult after = scan(pack, patched);
        Status now = Status.NOT_APPLICABLE; // no finding after the patch: the rule no longer applies
        Set<String> failedBefore = new HashSet<>();
        for (Finding f : before.findings()) {
            if (f.status() == Status.FAIL) {
                failedBefore.add(key(f));
            }
        }
        // a resource the fix creates is not made worse by it: its own findings are the next fixes, not regressions
        Set<ResourceRef> created = new HashSet<>();
        fix.changes().stream().filter(c -> c instanceof io.trailguard.core.fix.Change.Create).forEach(c -> created.add(c.target()));
        // a replacement (a flow log's traffic type cannot be modified): the resource is deleted, and what the fix
        // creates of its type must pass the rule in its place
        boolean replaced = fix.changes().stream().anyMatch(c -> c instanceof io.trailguard.core.fix.Change.Delete
                && c.target().equals(finding.resource()));
        if (replaced) {
            now = Status.PASS;
        }
        List<Finding> newFailures = new ArrayList<>();
        for (Finding f : after.findings()) {
            if (f.ruleId().equals(finding.ruleId()) && f.resource().equals(finding.resource())) {
                now = f.status();
            } else if (replaced && f.ruleId().equals(finding.ruleId()) && created.contains(f.resource())
                    && f.resource().type().equals(finding.resource().type()) && f.status() != Status.PASS) {
                newFailures.add(f);
            } else if (f.status() == Status.FAIL && !failedBefore.contains(key(f)) && !created.contains(f.resource())) {
                newFailures.add(f);
            }
        }
        boolean proven = now == Status.PASS && newFailures.isEmpty();
        String explanation = proven && replaced ? "the change replaces the resource, the replacement passes and no other finding fails"
                : proven ? "the change turns the finding into PASS and no other finding fails"
                : now != Status.PASS ? "after the change the finding is " + now + ", not PASS"
                : "the change makes " + newFailures.size() + " other finding(s) fail: "
                + newFailures.stream().map(f -> f.ruleId() + " on " + f.resource().id()).toList();
        return new FixProof(finding, proven, now, newFailures, explanation);
    }

    private static String key(Finding f) {
        return f.ruleId() + "|" + f.resource().type() + "|" + f.resource().id();
    }
}
