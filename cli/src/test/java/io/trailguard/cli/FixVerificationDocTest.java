package io.trailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The list of rules whose fix moto cannot show taking effect is docs/fix-verification.md's table, read by the moto
 * tier; this checks, without moto, that the table is where the tier looks and says what it says.
 */
class FixVerificationDocTest {
    @Test
    void theTierReadsTheRulesOfTheDocsTable() throws Exception {
        assertEquals(Set.of("CW-01", "CW-02", "CW-03", "CW-04", "CW-05", "CW-06", "CRR-02", "S3-07"),
                MotoFixBench.cannotClear(MotoFixBench.repoRoot()));
    }
}
