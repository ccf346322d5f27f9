package io.trailguard.core.snapshot;

import io.trailguard.core.CollectionError;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "was this input read?" from a snapshot's collection errors: whether every resource of a type in an
 * account and region is known, and whether a field of one resource was read.
 *
 * <p>An error names the type and fields it hides, or trailguard derives them from the operation (the {@code types:}
 * of {@code io/trailguard/core/relation/relations.yaml}), so hand-written snapshots need only the API call that failed.
 */
public final class CollectionGaps {

    /** What a failed operation hides: a resource type and, for per-resource calls, the fields it fills. */
    private record OperationScope(String type, List<String> fields) {
    }

    /** The declarations of {@code types:} in the relations file: one source for this table and the relations. */
    private static final String TYPES = "/io/trailguard/core/relation/relations.yaml";
    private static final Map<String, OperationScope> OPERATIONS = new HashMap<>();
    /** When neither the error nor the table names a type: every type the service serves is unknown. */
    private static final Map<String, List<String>> SERVICE_TYPES = new LinkedHashMap<>();
    /** The service of each declared type (of its ARNs and API calls). */
    private static final Map<String, String> SERVICES = new HashMap<>();

    static {
        String text;
        try (InputStream in = CollectionGaps.class.getResourceAsStream(TYPES)) {
            text = new String(Objects.requireNonNull(in, TYPES).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TYPES, e);
        }
        SafeYaml.parse("relations.yaml", text).root().path("types").fields().forEachRemaining(t -> {
            String type = t.getKey();
            String service = t.getValue().path("service").asText();
            SERVICES.put(type, service);
            SERVICE_TYPES.computeIfAbsent(service, k -> new ArrayList<>()).add(type);
            t.getValue().path("list").forEach(op -> OPERATIONS.put(key(service, op.asText()), new OperationScope(type, List.of())));
            t.getValue().path("fields").fields().forEachRemaining(op -> {
                List<String> fields = new ArrayList<>();
                op.getValue().forEach(f -> fields.add(f.asText()));
                OPERATIONS.put(key(service, op.getKey()), new OperationScope(type, List.copyOf(fields)));
            });
        });
    }

    private static String key(String service, String operation) {
        return (service + ":" + operation).toLowerCase(Locale.ROOT);
    }

    /** The service of a resource type's ARNs and API calls ({@code sns} for AWS::SNS::Topic), if declared. */
    public static Optional<String> service(String type) {
        return Optional.ofNullable(SERVICES.get(type));
    }

    private record TypeGap(String accountId, String region, CollectionError error) {
    }

    private record FieldGap(Set<String> fields, CollectionError error) {
    }

    /** By type and account, so that a lookup reads only that account's failures. */
    private final Map<String, List<TypeGap>> typeGaps = new HashMap<>();
    private final Map<String, CollectionError> anyTypeGaps = new HashMap<>();
    /** Accounts of which nothing is known: the role could not be assumed, or its regions could not be listed. */
    private final Map<String, CollectionError> accountGaps = new HashMap<>();
    private final Map<String, List<FieldGap>> resourceGaps = new HashMap<>();
    /**
     * The organisation's account list could not be read whole: accounts it may hide are unknown, so no list of any
     * type in any account is known to be complete.
     */
    private CollectionError organizationGap;
    /** The types that have any entry in {@link #resourceGaps}: most lookups stop here without building a key. */
    private final Set<String> typesWithResourceGaps = new HashSet<>();

    CollectionGaps(List<CollectionError> errors) {
        for (CollectionError e : errors) {
            String call = (e.service() + ":" + e.operation()).toLowerCase(Locale.ROOT);
            if (call.equals("organizations:listaccounts")) {
                if (organizationGap == null) {
                    organizationGap = e;
                }
                continue;
            }
            if (call.equals("sts:assumerole") || call.equals("sts:getcalleridentity") || call.equals("ec2:describeregions")) {
                accountGaps.putIfAbsent(e.accountId(), e);
                continue;
            }
            OperationScope scope = OPERATIONS.get(key(e.service(), e.operation()));
            List<String> types = e.resourceType() != null ? List.of(e.resourceType())
                    : scope != null ? List.of(scope.type())
                    : SERVICE_TYPES.getOrDefault(e.service().toLowerCase(Locale.ROOT), List.of());
            if (e.resourceId() != null) {
                List<String> fields = !e.fields().isEmpty() ? e.fields()
                        : scope != null ? scope.fields() : List.of();
                for (String type : types) {
                    typesWithResourceGaps.add(type);
                    resourceGaps.computeIfAbsent(type + "|" + e.resourceId(), k -> new ArrayList<>())
                            .add(new FieldGap(Set.copyOf(fields), e));
                }
            } else if (scope != null && !scope.fields().isEmpty() && e.fields().isEmpty() && e.resourceType() == null) {
                // A per-resource call failed for every resource of the type (no resource named): the fields are
                // unknown on all of them.
                typesWithResourceGaps.add(scope.type());
                resourceGaps.computeIfAbsent(scope.type() + "|*|" + e.accountId() + "|" + e.region(),
                        k -> new ArrayList<>()).add(new FieldGap(Set.copyOf(scope.fields()), e));
            } else {
                for (String type : types) {
                    typeGaps.computeIfAbsent(type + "|" + e.accountId(), k -> new ArrayList<>())
                            .add(new TypeGap(e.accountId(), e.region(), e));
                    anyTypeGaps.putIfAbsent(type, e);
                }
            }
        }
    }

    /**
     * Why the list of resources of {@code type} in an account and region may be incomplete, if it may.
     *
     * @param region a region, or {@code null} for "any region of the account"
     */
    public Optional<UnknownReason> typeGap(String type, String accountId, String region) {
        if (organizationGap != null) {
            return Optional.of(reason(organizationGap, "the organisation's account list is incomplete"));
        }
        CollectionError whole = accountGaps.get(accountId);
        if (whole != null) {
            return Optional.of(reason(whole, "nothing of account " + accountId + " could be collected"));
        }
        List<TypeGap> gaps = typeGaps.get(type + "|" + accountId);
        if (gaps == null) {
            return Optional.empty();
        }
        for (TypeGap g : gaps) {
            if ((region == null || g.region().equals(region) || g.region().equals("global"))) {
                return Optional.of(reason(g.error(), "the list of " + type + " resources is incomplete"));
            }
        }
        return Optional.empty();
    }

    /** Why the whole list of resources of {@code type} in any account may be incomplete, if it may. */
    public Optional<UnknownReason> anyTypeGap(String type) {
        if (organizationGap != null) {
            return Optional.of(reason(organizationGap, "the organisation's account list is incomplete"));
        }
        if (!accountGaps.isEmpty()) {
            CollectionError e = accountGaps.values().iterator().next();
            return Optional.of(reason(e, "nothing of account " + e.accountId() + " could be collected"));
        }
        CollectionError e = anyTypeGaps.get(type);
        return e == null ? Optional.empty()
                : Optional.of(reason(e, "the list of " + type + " resources is incomplete"));
    }

    /** Why a top-level configuration field of a resource was not read, if it was not. */
    public Optional<UnknownReason> fieldGap(ResourceNode resource, String field) {
        if (!typesWithResourceGaps.contains(resource.type())) {
            return Optional.empty();
        }
        for (String key : new String[] {resource.type() + "|" + resource.id(),
                resource.type() + "|*|" + resource.accountId() + "|" + resource.region()}) {
            List<FieldGap> gaps = resourceGaps.get(key);
            if (gaps != null) {
                for (FieldGap g : gaps) {
                    if (g.fields().isEmpty() || field == null || g.fields().contains(field)) {
                        return Optional.of(reason(g.error(), field == null ? "the configuration of " + resource.id()
                                + " is incomplete" : "field " + field + " of " + resource.id() + " was not read"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static UnknownReason reason(CollectionError e, String what) {
        return new UnknownReason(code(e.code()), what + ": " + e.describe());
    }

    /** Maps an AWS error code to the cause reported in findings. */
    public static UnknownReason.Code code(String awsCode) {
        String c = awsCode.toLowerCase(Locale.ROOT);
        if (c.contains("accessdenied") || c.contains("unauthorized") || c.contains("notauthorized")
                || c.equals("authfailure") || c.contains("forbidden")) {
            return UnknownReason.Code.ACCESS_DENIED;
        }
        if (c.contains("throttl") || c.contains("toomanyrequests") || c.contains("requestlimitexceeded")
                || c.contains("slowdown")) {
            return UnknownReason.Code.THROTTLED;
        }
        if (c.contains("optinrequired") || c.contains("regiondisabled") || c.contains("invalidclienttokenid")) {
            return UnknownReason.Code.REGION_DISABLED;
        }
        return UnknownReason.Code.API_ERROR;
    }
}
