package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.OrganizationInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subjects a rule is evaluated for: resources of its types, or synthetic account and region subjects whose
 * configuration is {@code {AccountId, Name, OrganizationId, IsManagementAccount, Regions}} and
 * {@code {AccountId, Region}}.
 */
final class Subjects {
    private final SnapshotIndex index;
    private List<ResourceNode> accounts;
    private List<ResourceNode> regions;
    /** The regions each account has resources in, for accounts that list none; made once (one pass). */
    private Map<String, Set<String>> resourceRegions;

    Subjects(SnapshotIndex index) {
        this.index = index;
    }

    List<ResourceNode> of(RuleDefinition rule) {
        return switch (rule.scope()) {
            case RESOURCE -> {
                if (rule.resourceTypes().size() == 1) {
                    yield index.ofType(rule.resourceTypes().get(0));
                }
                List<ResourceNode> out = new ArrayList<>();
                rule.resourceTypes().forEach(t -> out.addAll(index.ofType(t)));
                yield out;
            }
            case ACCOUNT -> accounts();
            case REGION -> regions();
        };
    }

    synchronized List<ResourceNode> accounts() {
        if (accounts == null) {
            List<ResourceNode> out = new ArrayList<>();
            OrganizationInfo org = index.organization();
            for (AccountInfo a : index.accounts().values()) {
                ObjectNode c = JsonNodeFactory.instance.objectNode();
                c.put("AccountId", a.id());
                if (a.name() != null) {
                    c.put("Name", a.name());
                }
                if (a.organizationId() != null) {
                    c.put("OrganizationId", a.organizationId());
                }
                c.put("IsManagementAccount", org != null && a.id().equals(org.managementAccountId()));
                ArrayNode rs = c.putArray("Regions");
                regionsOf(a).forEach(rs::add);
                out.add(new ResourceNode(new ResourceRef(ResourceRef.ACCOUNT_TYPE, a.id(), a.id(), "global"), c));
            }
            accounts = List.copyOf(out);
        }
        return accounts;
    }

    synchronized List<ResourceNode> regions() {
        if (regions == null) {
            List<ResourceNode> out = new ArrayList<>();
            for (AccountInfo a : index.accounts().values()) {
                for (String r : regionsOf(a)) {
                    ObjectNode c = JsonNodeFactory.instance.objectNode();
                    c.put("AccountId", a.id());
                    c.put("Region", r);
                    out.add(new ResourceNode(new ResourceRef(ResourceRef.REGION_TYPE, a.id() + "/" + r, a.id(), r), c));
                }
            }
            regions = List.copyOf(out);
        }
        return regions;
    }

    /** The account's listed regions, else the regions its resources are in. */
    private Set<String> regionsOf(AccountInfo a) {
        if (!a.regions().isEmpty()) {
            return new TreeSet<>(a.regions());
        }
        if (resourceRegions == null) {
            resourceRegions = new HashMap<>();
            for (ResourceNode r : index.resources()) {
                if (!r.region().equals("global")) {
                    resourceRegions.computeIfAbsent(r.accountId(), k -> new TreeSet<>()).add(r.region());
                }
            }
        }
        return resourceRegions.getOrDefault(a.id(), new TreeSet<>());
    }
}
