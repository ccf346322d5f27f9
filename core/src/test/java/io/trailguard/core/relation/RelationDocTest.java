package io.trailguard.core.relation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relation table of docs/rule-dsl.md is generated from relations.yaml: this test fails when it is stale, and
 * {@code -Dgolden.update=true} rewrites it.
 */
class RelationDocTest {
    private static final Path DOC = Path.of("../docs/rule-dsl.md");
    private static final String BEGIN = "<!-- relations: generated from core/src/main/resources/io/trailguard/core/relation/"
            + "relations.yaml by RelationDocTest; -Dgolden.update=true rewrites it -->";
    private static final String END = "<!-- end of relations -->";

    @Test
    void theDslReferenceListsEveryDeclaredRelation() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("docs/rule-dsl.md has the markers of the generated relation table").isPositive();
        assertThat(to).isGreaterThan(from);
        String expected = doc.substring(0, from + BEGIN.length()) + "\n" + table() + doc.substring(to);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertThat(doc).as("docs/rule-dsl.md's relation table is stale: rerun with -Dgolden.update=true").isEqualTo(expected);
    }

    /** One row per declaration: its subject types, name, target type, join, gap and description. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| from | name | to | join | incomplete (UNKNOWN) when | follows |\n|---|---|---|---|---|---|\n");
        List<Relation> all = Relations.all();
        for (int i = 0; i < all.size(); ) {
            Relation r = all.get(i);
            List<String> from = new ArrayList<>();
            while (i < all.size() && all.get(i).source().equals(r.source())) {
                from.add(short_(all.get(i).fromType()));
                i++;
            }
            sb.append("| ").append(String.join(", ", from)).append(" | `").append(r.name()).append("` | ")
                    .append(short_(r.toType())).append(" | ").append(r.join().summary()).append(" | ")
                    .append(gap(r.join())).append(" | ").append(r.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String short_(String type) {
        return "`" + type + "`";
    }

    private static String gap(Join j) {
        if (j instanceof Join.Forward f) {
            List<String> out = new ArrayList<>();
            if (f.gap().field() != null) {
                out.add("`" + f.gap().field() + "` unread");
            }
            out.add(switch (f.key()) {
                case BUCKET_NAME -> "a bucket listing failed" + (f.gap().notFoundUnknown() ? "; not found: NOT_IN_SNAPSHOT" : "");
                case FIELD -> "its listing failed in the subject's account";
                case ACCOUNT, ACCOUNT_REGION -> "its listing failed there (another account: out of scope)";
                default -> "not found, and its listing failed where the reference points (another account: out of scope)";
            });
            return String.join("; ", out);
        }
        if (j instanceof Join.Inverse i) {
            return "a listing of `" + i.of().fromType() + "` failed in any account";
        }
        if (j instanceof Join.Unpack u) {
            return u.gap().field() == null ? "never" : "`" + u.gap().field() + "` unread";
        }
        if (j instanceof Join.Computed) {
            return "its inputs' listings failed (the algorithm's javadoc)";
        }
        return "any part is incomplete (the first gap, in order)";
    }
}
