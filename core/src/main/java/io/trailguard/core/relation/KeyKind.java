package io.trailguard.core.relation;

import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the value of a {@link Join.Forward forward} join names the resources it leads to, and so which keys of those
 * resources the snapshot index holds for it (built on first use, once per snapshot).
 */
public enum KeyKind {
    /** The target's id (an ARN for roles and topics). */
    ID(true),
    /** A bucket name, or {@code arn:aws:s3:::NAME}: the bucket's {@code Name}, else the last part of its id. */
    BUCKET_NAME(true),
    /**
     * A KMS key ARN or alias ARN, or a key id or {@code alias/NAME} in an account and region
     * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id).
     */
    KMS_KEY(true),
    /** A log group ARN, with or without the trailing {@code :*}, or a log group name in an account and region. */
    LOG_GROUP(true),
    /** Every target whose top-level field (named by the join) has the value. */
    FIELD(false),
    /** Every target in an account. */
    ACCOUNT(false),
    /** Every target in an account and region. */
    ACCOUNT_REGION(false);

    private final boolean unique;

    KeyKind(boolean unique) {
        this.unique = unique;
    }

    /**
     * True when a value names at most one resource: then a found resource is the whole answer, and only a missing one
     * asks whether its listing failed. Otherwise the listing's gap holds even when some were found.
     */
    public boolean unique() {
        return unique;
    }

    /** The name in relations.yaml ({@code bucketName}). */
    public String yamlName() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /** The resource of type {@code type} a unique key names: {@code scope} is the account and region a bare name is in. */
    ResourceNode lookup(SnapshotIndex ix, String type, String value, String account, String region) {
        return switch (this) {
            case ID -> ix.get(type, value).orElse(null);
            case BUCKET_NAME -> keys(ix, type).get(value);
            case KMS_KEY, LOG_GROUP -> {
                Map<String, ResourceNode> keys = keys(ix, type);
                ResourceNode r = keys.get(this == LOG_GROUP ? stripStar(value) : value);
                yield r != null ? r : keys.get(scoped(account, region, value));
            }
            case FIELD, ACCOUNT, ACCOUNT_REGION -> throw new IllegalStateException(this + " names several resources");
        };
    }

    /** The index of a unique key kind over the resources of a type: every key each resource is known by. */
    private Map<String, ResourceNode> keys(SnapshotIndex ix, String type) {
        return ix.derived(List.of(this, type), x -> {
            Map<String, ResourceNode> m = new HashMap<>();
            for (ResourceNode r : x.ofType(type)) {
                switch (this) {
                    case BUCKET_NAME -> {
                        String name = r.text("Name");
                        m.put(name != null ? name : r.id().substring(r.id().lastIndexOf(':') + 1), r);
                    }
                    case KMS_KEY -> {
                        m.put(r.id(), r);
                        putIfText(m, scopedKey(r, r.text("KeyId")), r);
                        putIfText(m, r.text("Arn"), r);
                        r.configuration().path("Aliases").forEach(a -> {
                            putIfText(m, scopedKey(r, a.path("AliasName").asText(null)), r);
                            putIfText(m, a.path("AliasArn").asText(null), r);
                        });
                    }
                    case LOG_GROUP -> {
                        m.put(stripStar(r.id()), r);
                        putIfText(m, scopedKey(r, r.text("logGroupName")), r);
                    }
                    default -> throw new IllegalStateException(this + " has no index of unique keys");
                }
            }
            return m;
        });
    }

    private static void putIfText(Map<String, ResourceNode> m, String key, ResourceNode r) {
        if (key != null) {
            m.put(key, r);
        }
    }

    private static String scopedKey(ResourceNode r, String key) {
        return key == null ? null : scoped(r.accountId(), r.region(), key);
    }

    private static String scoped(String account, String region, String key) {
        return account + "|" + region + "|" + key;
    }

    static String stripStar(String arn) {
        return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
    }
}
