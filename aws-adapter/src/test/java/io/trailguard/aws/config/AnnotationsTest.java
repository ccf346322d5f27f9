package io.trailguard.aws.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnnotationsTest {
    @Test
    void shortTextKeepsItsWordsWithWhiteSpaceCollapsed() {
        assertThat(Annotations.cut("  CT-03:\n the trail\tis not logging ")).isEqualTo("CT-03: the trail is not logging");
        assertThat(Annotations.cut("")).isNull();
        assertThat(Annotations.cut(null)).isNull();
    }

    @Test
    void longTextIsCutToConfigsLimitWithAMark() {
        String a = Annotations.cut("x".repeat(256));
        assertThat(a).hasSize(256).doesNotContain("…");
        String b = Annotations.cut("x".repeat(257));
        assertThat(b).hasSize(Annotations.MAX_LENGTH).endsWith("x…");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        // 254 'x' then an emoji (two chars) at positions 254-255: a cut at 255 would leave the high surrogate alone
        String cut = Annotations.cut("x".repeat(254) + "😀" + "tail");
        assertThat(cut).isEqualTo("x".repeat(254) + "…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }
}
