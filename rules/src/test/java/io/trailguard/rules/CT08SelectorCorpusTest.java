package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * CT-08 against a table of real-world event selector JSON (fixtures/ct-08/corpus-cases.ndjson: classic and advanced; readOnly; resources.ARN exclusions;
 * eventName, eventSource and userIdentity filters; the log-bucket-only exclusion). Each case is evaluated alone, in a
 * snapshot of its own, and reads and writes are checked separately through the reasons the finding gives.
 */
class CT08SelectorCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READS = "records S3 object reads";
    private static final String WRITES = "records S3 object writes";

    @TestFactory
    Stream<DynamicTest> everySelectorCase() throws IOException {
        Path dir = BuiltinRules.directory().resolve("cloudtrail/fixtures/ct-08");
        // one case per line: {account, name, note, trail (the selector JSON and trail fields), read, write}
        List<JsonNode> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("corpus-cases.ndjson"))) {
            if (!line.isBlank()) {
                cases.add(JSON.readTree(line));
            }
        }
        JsonNode corpus = JSON.readTree(Fixtures.json(dir.resolve("corpus.yaml")));
        RulePack ct08 = BuiltinRules.pack().filter(r -> r.id().equals("CT-08"));
        // Two variants of CT-08 that keep only its read requirement or only its write requirement, so that a case
        // failing both is checked for each separately (an all: stops at its first false child).
        String text = Files.readString(dir.resolve("../../CT-08.yaml"));
        String readItem = item(text, "readTrails");
        String writeItem = item(text, "writeTrails");
        RulePack readOnly = variant(text.replace(writeItem, ""));
        RulePack writeOnly = variant(text.replace(readItem, ""));
        assertThat(cases.size()).isGreaterThanOrEqualTo(25);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText() + " — " + c.path("note").asText(), () -> {
                String account = c.path("account").asText();
                ObjectNode one = corpus.deepCopy();
                one.withArray("accounts").removeIf(a -> !a.path("id").asText().equals(account));
                one.withArray("resources").removeIf(r -> !r.path("accountId").asText().equals(account));
                ScanResult result = Engine.create().scan(ct08, Snapshot.parse(JSON.writeValueAsString(one), c.path("name").asText()));
                assertThat(result.findings()).hasSize(1);
                Finding f = result.findings().get(0);
                boolean read = c.path("read").asBoolean();
                boolean write = c.path("write").asBoolean();
                assertThat(f.status()).as(f.message()).isEqualTo(read && write ? Status.PASS : Status.FAIL);
                Snapshot snapshot = Snapshot.parse(JSON.writeValueAsString(one), c.path("name").asText());
                Finding r = Engine.create().scan(readOnly, snapshot).findings().get(0);
                Finding w = Engine.create().scan(writeOnly, snapshot).findings().get(0);
                assertThat(r.status()).as("reads: " + r.message()).isEqualTo(read ? Status.PASS : Status.FAIL);
                assertThat(w.status()).as("writes: " + w.message()).isEqualTo(write ? Status.PASS : Status.FAIL);
                if (!read) {
                    assertThat(r.message()).contains(READS);
                }
                if (!write) {
                    assertThat(w.message()).contains(WRITES);
                }
            }));
        }
        return tests.stream();
    }

    /** A variant of CT-08, loaded beside a copy of the pack's named conditions (CT-08 uses them). */
    private static RulePack variant(String text) throws IOException {
        Path dir = Files.createTempDirectory("ct08-variant");
        Files.copy(BuiltinRules.directory().resolve("conditions.yaml"), dir.resolve("conditions.yaml"));
        Files.writeString(dir.resolve("CT-08.yaml"), text);
        try {
            return RulePack.load(dir);
        } finally {
            Files.delete(dir.resolve("CT-08.yaml"));
            Files.delete(dir.resolve("conditions.yaml"));
            Files.delete(dir);
        }
    }

    /** The item of CT-08's require list that asks for the named let binding, up to the next item or key. */
    private static String item(String text, String binding) {
        int start = text.indexOf("    - related: " + binding + "\n      exists: true");
        assertThat(start).as("CT-08 requires " + binding).isPositive();
        int end = text.indexOf("\n    - ", start + 1);
        int key = text.indexOf("\nmessage:", start);
        int stop = end < 0 || key < end ? key : end;
        return text.substring(start, stop + 1);
    }
}
