package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule ids sort by prefix, then number; the number is stripped as the regex {@code -?\d+$} did. */
class RuleIdOrderTest {

    @Test
    void stripsTheNumberAsTheRegexDid() {
        for (String id : List.of("CT-01", "CT-2", "CT-10", "CT-10A", "S3-01", "A1-2", "A1", "123", "X", "X-", "-5",
                "R53-01", "CRR-02", "K-1-2", "")) {
            assertThat(RulePack.withoutNumber(id)).as(id).isEqualTo(id.replaceAll("-?\\d+$", ""));
        }
    }

    @Test
    void ordersByPrefixThenNumber() {
        List<String> ids = new ArrayList<>(List.of("S3-01", "CT-10", "CT-2", "CRR-02", "CT-01", "CW-9", "CW-10"));
        ids.sort(RulePack::compareIds);
        assertThat(ids).containsExactly("CRR-02", "CT-01", "CT-2", "CT-10", "CW-9", "CW-10", "S3-01");
    }
}
