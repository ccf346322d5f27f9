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
     * The keys valid at some time in {@code [from, to]} in every region given.
     *
     * @throws IllegalStateException naming the region and AWS's error when a region's keys cannot be read
     */
    public static PublicKeys list(LogClients clients, Collection<String> regions, Instant from, Instant to) {
        List<PublicKeys.Key> keys = new ArrayList<>();
        for (String region : regions) {
            try (var ct = clients.cloudTrail(region)) {
                for (PublicKey k : ct.listPublicKeysPaginator(b -> b.startTime(from).endTime(to)).publicKeyList()) {
                    byte[] der = k.value().asByteArray();
                    String fp = PublicKeys.fingerprint(der);
                    keys.add(new PublicKeys.Key(fp, PublicKeys.rsaKey(der), k.validityStartTime(), k.validityEndTime()));
                }
            } catch (SdkException e) {
                throw new IllegalStateException("cloudtrail:ListPublicKeys in " + region + ": "
                        + io.trailguard.aws.collect.internal.Failure.of(e).message(), e);
            }
        }
        return PublicKeys.of(keys);
    }
}
