package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Engine;
import io.trailguard.core.RuleInfo;
import io.trailguard.core.RulePack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Config rule's {@code ruleParameters}, read against the rule pack: {@code rules} (comma-separated rule ids; every
 * rule when absent), {@code unknownAs}, and rule parameters ({@code name} or {@code RULE-ID.name}) for
 * {@link Engine#withParams}. Immutable.
 *
 * @param pack         the selected rules
 * @param engineParams the keys that name a parameter of a selected rule
 * @param unknownAs    the compliance an UNKNOWN outcome is reported as (NON_COMPLIANT: fail closed)
 * @param warnings     the keys that name no parameter of the selected rules
 */
record RuleParameters(RulePack pack, Map<String, String> engineParams, Compliance unknownAs, List<String> warnings) {
    RuleParameters {
        engineParams = Collections.unmodifiableMap(new LinkedHashMap<>(engineParams));
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the parameters.
     *
     * @throws IllegalArgumentException when {@code rules} selects nothing or names an unknown rule, or
     *                                  {@code unknownAs} is neither NON_COMPLIANT nor NOT_APPLICABLE
     */
    static RuleParameters parse(JsonNode raw, RulePack pack) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && raw.isObject()) {
            raw.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        RulePack selected = select(pack, values.remove("rules"));
        Compliance unknownAs = Compliance.NON_COMPLIANT;
        String ua = values.remove("unknownAs");
        if (ua != null) {
            String v = ua.trim().toUpperCase(Locale.ROOT);
            if (v.equals("NOT_APPLICABLE")) {
                unknownAs = Compliance.NOT_APPLICABLE;
            } else if (!v.equals("NON_COMPLIANT")) {
                throw new IllegalArgumentException("/ruleParameters/unknownAs: expected NON_COMPLIANT or "
                        + "NOT_APPLICABLE, found '" + ua + "'");
            }
        }
        Set<String> known = paramKeys(selected);
        Map<String, String> engineParams = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        values.forEach((k, v) -> {
            if (known.contains(k)) {
                engineParams.put(k, v);
            } else {
                warnings.add("rule parameter '" + k + "' names no parameter of the selected rules; ignored");
            }
        });
        return new RuleParameters(selected, engineParams, unknownAs, warnings);
    }

    /**
     * An engine for {@code rules} (a subset of the selected ones) with the parameters that name one of theirs; it
     * keeps NOT_APPLICABLE findings, since Config has a NOT_APPLICABLE compliance type.
     */
    Engine engineFor(RulePack rules) {
        Set<String> known = paramKeys(rules);
        Map<String, String> mine = new LinkedHashMap<>();
        engineParams.forEach((k, v) -> {
            if (known.contains(k)) {
                mine.put(k, v);
            }
        });
        return Engine.withParams(mine).keepingNotApplicable();
    }

    private static RulePack select(RulePack pack, String ruleList) {
        if (ruleList == null) {
            return pack;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String s : ruleList.split(",")) {
            if (!s.isBlank()) {
                ids.add(s.trim());
            }
        }
        if (ids.isEmpty()) {
            // an empty selection would evaluate nothing and report nothing: say so instead of passing silently
            throw new IllegalArgumentException("/ruleParameters/rules: '" + ruleList + "' names no rule; give rule "
                    + "ids separated by commas (e.g. the ids 'trailguard rules list' prints), or leave 'rules' out "
                    + "for every rule");
        }
        Set<String> unknown = new LinkedHashSet<>(ids);
        pack.rules().forEach(r -> unknown.remove(r.id()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("/ruleParameters/rules: names unknown rule(s) " + unknown
                    + "; known: " + pack.rules().stream().map(RuleInfo::id).toList());
        }
        return pack.filter(r -> ids.contains(r.id()));
    }

    /** {@code name} and {@code RULE-ID.name} of every parameter of the rules. */
    private static Set<String> paramKeys(RulePack rules) {
        Set<String> known = new HashSet<>();
        for (RuleInfo r : rules.rules()) {
            for (RuleInfo.Param p : r.params()) {
                known.add(p.name());
                known.add(r.id() + "." + p.name());
            }
        }
        return known;
    }
}
