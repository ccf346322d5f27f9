package io.trailguard.core.dsl;

import io.trailguard.core.policy.Delivery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Expands {@code access: {delivery: ID, from: NAME, values: {...}}} into the principal, actions, resource and
 * context of the catalogued delivery ({@link io.trailguard.core.policy.DeliveryCatalogue}), so that a rule asks a
 * policy exactly what the AWS service sends. Each {@code {placeholder}} of the entry becomes the rule's template
 * for it: {@code values.placeholder}, else {@code {{ NAME.placeholder }}}.
 */
final class DeliveryForm {
    /**
     * Template sources for the access question; a context key is absent when one of its placeholders has no value,
     * unless {@code sentWhen} gives it the template of the placeholder whose value means AWS sends it anyway.
     */
    record Expanded(String principal, List<String> actions, String resource, Map<String, String> context,
                    Map<String, String> sentWhen) {
    }

    private DeliveryForm() {
    }

    /**
     * The template sources of the delivery for the rule's values, or the names of the required placeholders that
     * have none (as {@code missing}).
     */
    static Expanded expand(Delivery d, Map<String, String> values, String from, List<String> missing) {
        Function<String, String> source = p -> values.containsKey(p) ? values.get(p)
                : from == null ? null : "{{ " + from + "." + p + " }}";
        for (String p : d.required()) {
            if (source.apply(p) == null) {
                missing.add(p);
            }
        }
        Map<String, String> context = new LinkedHashMap<>();
        d.context().forEach((k, layout) -> {
            String v = Delivery.fill(layout, source);
            if (v != null) {
                context.put(k, v);
            }
        });
        Map<String, String> sentWhen = new LinkedHashMap<>();
        d.sentWhen().forEach((k, placeholder) -> {
            String v = source.apply(placeholder);
            if (v != null && context.containsKey(k)) {
                sentWhen.put(k, v);
            }
        });
        return new Expanded(Delivery.fill(d.principal(), source), d.actions(), Delivery.fill(d.resource(), source), context,
                sentWhen);
    }
}
