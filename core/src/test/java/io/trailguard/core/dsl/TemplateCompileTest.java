package io.trailguard.core.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Placeholders are found without a regex now; they are the ones the regex {@code \{\{(.*?)}} } found. */
class TemplateCompileTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "{{ self.Name }}", "a {{ self.Name }} b {{ bucket.Policy | json }} c",
            "{{self.A}}{{self.B}}", "x {{ self.A }} }} y", "multi\nline {{ self.A\n }} end",
            "{{ self.A | default(\"}\") }}", "{{ trails.TrailARN | join | default(\"none\") }}.", "}} {{ self.A }}"})
    void findsThePlaceholdersTheRegexFound(String source) {
        Template t = Template.compile(source);
        List<String> expected = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        while (m.find()) {
            expected.add(m.group(1).trim());
        }
        assertThat(t.expressions()).extracting(Template.Expression::text).isEqualTo(expected);
        assertThat(t.isConstant()).isEqualTo(expected.isEmpty());
        if (!source.contains("|")) {
            // the literals between the placeholders: a placeholder without a value renders as (none)
            assertThat(t.bind(e -> Name.Root.SELF).render(name -> null)).isEqualTo(PLACEHOLDER.matcher(source).replaceAll("(none)"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{{ self.A }}}", "{{ self.A", "a {{ self.A }} b {{ c", "{ {{ self.A }} {"})
    void aBadOrUnclosedPlaceholderIsAnError(String source) {
        if (source.equals("{ {{ self.A }} {")) {
            // the literals around a placeholder are joined before the check, as before: "{ " + " {" has no "{{"
            assertThat(Template.compile(source).expressions()).hasSize(1);
            return;
        }
        assertThatThrownBy(() -> Template.compile(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(source.startsWith("{{{") ? "bad placeholder {{{ self.A }}" : "unclosed placeholder");
    }
}
