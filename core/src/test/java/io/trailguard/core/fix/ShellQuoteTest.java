package io.trailguard.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one quoting function, checked by bash itself: every hostile word, quoted, reaches the command as the same
 * single argument, and nothing in it runs.
 */
class ShellQuoteTest {
    static final List<String> HOSTILE = List.of("it's", "$(touch pwned)", "`touch pwned`", "a;touch pwned", "line\nbreak",
            "tab\there", "\"double\"", "back\\slash", "$HOME", "${HOME}", "!event", "*", "~", "#comment", "a|b&c>d<e",
            "ünïcødé 🎉 日本", "", " ", "--flag", "'", "''", "\\'", "{\"Version\":\"2012-10-17\",\"a\":\"it's\"}",
            "\uE000HOME\uE001");

    @Test
    void bashReadsEveryQuotedWordBackUnchangedAndRunsNothing(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash is not installed: the quoting is checked by unit assertions only");
        StringBuilder script = new StringBuilder("cd ").append(ShellQuote.word(dir.toString())).append('\n');
        script.append("printf '%s\\0'");
        for (String w : HOSTILE) {
            script.append(' ').append(ShellQuote.word(w));
        }
        script.append('\n');
        Path file = dir.resolve("t.sh");
        Files.writeString(file, script.toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(bash.toString(), file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String[] words = new String(out, StandardCharsets.UTF_8).split("\0", -1);
        assertThat(List.of(words).subList(0, HOSTILE.size())).containsExactlyElementsOf(HOSTILE);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void safeWordsStayReadableAndOthersAreSingleQuoted() {
        assertThat(ShellQuote.word("arn:aws:s3:::my-bucket/AWSLogs/1/*")).isEqualTo("'arn:aws:s3:::my-bucket/AWSLogs/1/*'");
        assertThat(ShellQuote.word("arn:aws:kms:us-east-1:111122223333:key/abc")).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/abc");
        assertThat(ShellQuote.word("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.word("")).isEqualTo("''");
    }

    @Test
    void anUnsetParameterBecomesItsVariableOnlyWhenTheFixDeclaresIt() {
        String v = "arn:aws:s3:::" + ShellQuote.variable("LOG_BUCKET") + "/x y";
        assertThat(ShellQuote.word(v, Set.of("LOG_BUCKET"))).isEqualTo("arn:aws:s3:::\"${LOG_BUCKET}\"'/x y'");
        // a marker in snapshot data naming another variable is text, never an expansion
        assertThat(ShellQuote.word(v, Set.of("OTHER"))).doesNotContain("${").startsWith("'");
        assertThat(ShellQuote.display(v)).isEqualTo("arn:aws:s3:::$LOG_BUCKET/x y");
        assertThat(ShellQuote.variableName("logBucket")).isEqualTo("LOG_BUCKET");
        assertThat(ShellQuote.variableName("replicaKmsKey")).isEqualTo("REPLICA_KMS_KEY");
    }

    @Test
    void aCommandLineIsTheQuotedWords() throws IOException {
        FixCommand c = new FixCommand("111122223333", "eu-west-1", List.of("s3api", "put-bucket-policy", "--bucket",
                "b", "--policy", "{\"a\":\"it's $(x)\"}", "--region", "eu-west-1"), Set.of());
        assertThat(c.line()).isEqualTo("aws s3api put-bucket-policy --bucket b --policy '{\"a\":\"it'\\''s $(x)\"}' --region eu-west-1");
        assertThat(c.words()).startsWith("aws", "s3api").contains("{\"a\":\"it's $(x)\"}");
    }
}
