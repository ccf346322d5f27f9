package io.trailguard.aws.collect.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.internal.Account;
import io.trailguard.aws.collect.internal.Result;
import io.trailguard.aws.collect.internal.SdkJson;
import io.trailguard.aws.collect.internal.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** KMS: ListKeys and ListAliases per region, then DescribeKey, GetKeyPolicy, GetKeyRotationStatus per key. */
public final class KmsCollector {
    public static final String TYPE = "AWS::KMS::Key";
    private static final String SVC = "kms";

    private KmsCollector() {
    }

    /** A region's keys and, if they could be read, its aliases by target key id. */
    public record Listing(List<KeyListEntry> keys, Map<String, List<AliasListEntry>> aliases,
                          io.trailguard.aws.collect.internal.Failure aliasFailure) {
    }

    public static Listing list(Account a, String region) {
        Result<List<KeyListEntry>> keys = a.call(region, SVC, "ListKeys", Target.type(TYPE),
                () -> a.kms(region).listKeysPaginator(b -> { }).keys().stream().toList());
        if (!keys.ok() || keys.value().isEmpty()) {
            return new Listing(List.of(), Map.of(), null);
        }
        // a failed ListAliases is recorded against each key below, not as "no key known"
        Result<List<AliasListEntry>> aliases = a.run.call(a.id, region, SVC, "ListAliases", Target.NONE, Set.of(),
                () -> a.kms(region).listAliasesPaginator(b -> { }).aliases().stream().toList(), false);
        Map<String, List<AliasListEntry>> byKey = aliases.ok()
                ? aliases.value().stream().filter(x -> x.targetKeyId() != null)
                        .collect(Collectors.groupingBy(AliasListEntry::targetKeyId))
                : Map.of();
        return new Listing(keys.value(), byKey, aliases.failure());
    }

    public static void key(Account a, String region, KeyListEntry k, Listing listing) {
        io.trailguard.aws.collect.internal.Failure aliasFailure = listing.aliasFailure();
        String keyId = k.keyId();
        String arn = k.keyArn() != null ? k.keyArn()
                : "arn:" + a.partition() + ":kms:" + region + ":" + a.id + ":key/" + keyId;
        ObjectNode cfg = SdkJson.F.objectNode();
        cfg.put("KeyId", keyId);
        cfg.put("Arn", arn);
        Result<KeyMetadata> md = a.call(region, SVC, "DescribeKey",
                Target.of(TYPE, arn, "KeyState", "KeyManager", "Enabled", "KeySpec", "KeyUsage", "DeletionDate",
                        "MultiRegion", "Origin", "Description"),
                () -> a.kms(region).describeKey(b -> b.keyId(keyId)).keyMetadata());
        md.optional().ifPresent(m -> cfg.setAll(SdkJson.toJson(m)));
        Result<String> pol = a.call(region, SVC, "GetKeyPolicy", Target.of(TYPE, arn, "Policy"),
                () -> a.kms(region).getKeyPolicy(b -> b.keyId(keyId).policyName("default")).policy());
        pol.optional().ifPresent(p -> {
            try {
                cfg.set("Policy", SdkJson.parsePolicy(p));
            } catch (RuntimeException e) {
                a.run.errorNode(a.id, region, SVC, "GetKeyPolicy", io.trailguard.aws.collect.internal.Failure.of(e),
                        TYPE, arn, List.of("Policy"));
            }
        });
        // asymmetric, HMAC and imported keys have no rotation; a key pending deletion answers KMSInvalidState
        Result<Boolean> rot = a.call(region, SVC, "GetKeyRotationStatus", Target.of(TYPE, arn, "KeyRotationEnabled"),
                Set.of("UnsupportedOperationException", "KMSInvalidStateException"),
                () -> a.kms(region).getKeyRotationStatus(b -> b.keyId(keyId)).keyRotationEnabled());
        rot.optional().ifPresent(v -> cfg.put("KeyRotationEnabled", v));
        if (aliasFailure != null) {
            a.run.errorNode(a.id, region, SVC, "ListAliases", aliasFailure, TYPE, arn, List.of("Aliases"));
        } else {
            ArrayNode al = cfg.putArray("Aliases");
            listing.aliases().getOrDefault(keyId, List.of()).forEach(x -> al.add(SdkJson.toJson(x)));
        }
        a.run.resource(TYPE, arn, a.id, region, cfg);
    }
}
