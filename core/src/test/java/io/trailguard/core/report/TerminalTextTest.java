package io.trailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlCharactersAndDirectionOverridesBecomeVisibleEscapes() {
        assertThat(TerminalText.sanitize("bucket\u001b[2J\u001b]0;owned\u0007 \r\b\u009b1m"))
                .isEqualTo("bucket\\x1b[2J\\x1b]0;owned\\x07 \\x0d\\x08\\x9b1m");
        assertThat(TerminalText.sanitize("trail-\u202eexe.txt")).isEqualTo("trail-\\u202eexe.txt");
        assertThat(TerminalText.sanitize("line one\n\tline two (café, 東京)")).isEqualTo("line one\n\tline two (café, 東京)");
        assertThat(TerminalText.sanitize(null)).isNull();
    }
}
