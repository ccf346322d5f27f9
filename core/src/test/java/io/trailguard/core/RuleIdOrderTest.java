package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule ids sort by prefix, then number, as they did with the regex that stripped the number. */
class RuleIdOrderTest {
    private static final List<String> IDS = List.of("CT-01", "CT-2", "CT-10", "CT-10A", "S3-01", "S3-1", "KMS-06",
            "A1-2", "A1", "123", "X", "X-", "ORG-01", "CW-10", "CW-9", "VPC-02", "R53-01", "CRR-02", "-5");

    @Test
    void ordersAsTheRegexDid() {
        for (String a : IDS) {
            for (String b : IDS) {
                assertThat(Integer.signum(RulePack.compareIds(a, b))).as(a + " vs " + b)
                        .isEqualTo(Integer.signum(reference(a, b)));
            }
        }
    }

    private static int reference(String a, String b) {
        String pa = a.replaceAll("-?\\d+$", "");
        String pb = b.replaceAll("-?\\d+$", "");
        int c = pa.compareTo(pb);
        if (c != 0) {
            return c;
        }
        String na = a.substring(pa.length()).replace("-", "");
        String nb = b.substring(pb.length()).replace("-", "");
        if (!na.isEmpty() && !nb.isEmpty()) {
            return Long.compare(Long.parseLong(na), Long.parseLong(nb));
        }
        return a.compareTo(b);
    }
}
