package io.trailguard.core.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.PatternSyntaxException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SafeRegexTest {
    @Test
    void nestedRepetitionFailsFastWithAMessage() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> SafeRegex.compile("((a{1000}){1000}){1000}"))
                .isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining("repeats too much")
                .hasMessageContaining("at most 1000");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aCountOverRe2sLimitAndAProgramTooLargeAreRefused() {
        assertThatThrownBy(() -> SafeRegex.compile("a{1001}")).hasMessageContaining("repeats too much");
        assertThatThrownBy(() -> SafeRegex.compile("(a{999})".repeat(200))).hasMessageContaining("too large");
        assertThatThrownBy(() -> SafeRegex.compile("x".repeat(SafeRegex.MAX_LENGTH + 1))).hasMessageContaining("characters long");
    }

    @Test
    void patternsRulesAndFiltersUseCompile() {
        assertThat(SafeRegex.compile("^arn:aws:iam::\\d{12}:role/[\\w+=,.@-]{1,64}$").matcher(
                "arn:aws:iam::111122223333:role/trail-delivery").matches()).isTrue();
        assertThat(SafeRegex.compile("((ab){10}){5}|[{}]x{2,}").matcher("x{xx").find()).isTrue();
        assertThat(SafeRegex.compile("a{,3}").matcher("a{,3}").matches()).as("not a repetition in RE2").isTrue();
        assertThat(SafeRegex.compile("\\Q{1000}{1000}\\E").matcher("{1000}{1000}").matches()).isTrue();
    }

    @Test
    void syntaxErrorsStayRe2sOwn() {
        assertThatThrownBy(() -> SafeRegex.compile("(unclosed")).isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining("missing closing )");
    }
}
