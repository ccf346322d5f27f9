package io.trailguard.aws.logs;

import io.trailguard.core.integrity.PublicKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;

/**
 * CloudTrail's digest-signing public keys for a time range, from {@code cloudtrail:ListPublicKeys} in each region the
 * digests come from (CloudTrail signs with a key per region): https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListPublicKeys.html
 *
 * @since 0.2.0
 */
public final class CloudTrailPublicKeys {
    private CloudTrailPublicKeys() {
    }

    /**
     * The keys valid at some time in {@code [from, to]} in every region given. A region whose keys cannot be read is
     * told to {@code warnings} (with AWS's error) and the others are still listed: digests signed with a key nobody
     * could read are UNKNOWN, never valid.
     */
    public static PublicKeys list(LogClients clients, Collection<String> regions, Instant from, Instant to,
            java.util.function.Consumer<String> warnings) {
        List<PublicKeys.Key> keys = new ArrayList<>();
        for (String region : regions) {
            try (var ct = clients.cloudTrail(region)) {
                for (PublicKey k : ct.listPublicKeysPaginator(b -> b.startTime(from).endTime(to)).publicKeyList()) {
                    byte[] der = k.value().asByteArray();
                    String fp = PublicKeys.fingerprint(der);
                    keys.add(new PublicKeys.Key(fp, PublicKeys.rsaKey(der), k.validityStartTime(), k.validityEndTime()));
                }
            } catch (SdkException e) {
                io.trailguard.aws.collect.internal.Failure f = io.trailguard.aws.collect.internal.Failure.of(e);
                warnings.accept("cloudtrail:ListPublicKeys in " + region + " failed: " + f.code() + ": " + f.message()
                        + "; digests of " + region + " signed with a key not in --public-keys are UNKNOWN");
            }
        }
        return PublicKeys.of(keys);
    }
}
