package io.trailguard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.snapshot.Json;
import org.junit.jupiter.api.Test;

/** Keyed addressing, the operations' preconditions, and conflicts between operations. */
class KeyedPatchTest {
    private static final JsonNode BASE = Json.parse("""
            {"resources": [
              {"id": "a", "configuration": {"Name": "a", "Tags": [{"Key": "env", "Value": "prod"}]}},
              {"id": "b", "configuration": {"Name": "b"}},
              {"id": "c", "configuration": {"Name": "c"}}
            ]}""");

    private static JsonNode apply(String ops) {
        return KeyedPatch.apply(BASE, Json.parse(ops));
    }

    @Test
    void stepsAddressElementsByKeyAtAnyDepthAndLeaveTheBaseAlone() {
        JsonNode out = apply("""
                [{"op": "set", "at": ["resources", {"id": "b"}, "configuration", "Name"], "value": "bee"},
                 {"op": "set", "at": ["resources", {"id": "a"}, "configuration", "Tags", {"Key": "env"}], "value": {"Key": "env", "Value": "dev"}},
                 {"op": "remove", "at": ["resources", {"id": "c"}]},
                 {"op": "add", "at": ["resources", {"id": "d"}], "value": {"id": "d"}}]""");
        assertThat(out).isEqualTo(Json.parse("""
                {"resources": [
                  {"id": "a", "configuration": {"Name": "a", "Tags": [{"Key": "env", "Value": "dev"}]}},
                  {"id": "b", "configuration": {"Name": "bee"}},
                  {"id": "d"}
                ]}"""));
        assertThat(BASE.at("/resources/1/configuration/Name").asText()).isEqualTo("b");
    }

    @Test
    void selectKeepsTheListedElementsInTheListedOrderAndAllowsChangesInsideThem() {
        JsonNode out = apply("""
                [{"op": "select", "at": ["resources"], "by": "id", "keys": ["c", "a"]},
                 {"op": "remove", "at": ["resources", {"id": "a"}, "configuration", "Tags"]}]""");
        assertThat(out.get("resources").findValuesAsText("id")).containsExactly("c", "a");
        assertThat(out.at("/resources/1/configuration").has("Tags")).isFalse();
    }

    @Test
    void aKeyThatMatchesNothingNamesTheStepAndTheNearestKey() {
        assertThatThrownBy(() -> apply("""
                [{"op": "set", "at": ["resources", {"id": "bb"}, "configuration", "Name"], "value": "x"}]"""))
                .isInstanceOfSatisfying(KeyedPatch.PatchException.class, e -> {
                    assertThat(e.pointer).isEqualTo("/0/at/1");
                    assertThat(e).hasMessageContaining("the patch addresses nothing: no element of /resources has id \"bb\"")
                            .hasMessageContaining("did you mean");
                });
        assertThatThrownBy(() -> apply("""
                [{"op": "remove", "at": ["resources", {"id": "a"}, "configuration", "Nmae"]}]"""))
                .isInstanceOfSatisfying(KeyedPatch.PatchException.class, e -> {
                    assertThat(e.pointer).isEqualTo("/0/at/3");
                    assertThat(e).hasMessageContaining("/resources[id=a]/configuration has no member 'Nmae'");
                });
        assertThatThrownBy(() -> apply("""
                [{"op": "select", "at": ["resources"], "by": "id", "keys": ["a", "z"]}]"""))
                .isInstanceOfSatisfying(KeyedPatch.PatchException.class, e -> assertThat(e.pointer).isEqualTo("/0/keys/1"));
    }

    @Test
    void aPatchThatChangesOnePlaceTwiceOrAddsWhatExistsIsAConflict() {
        assertThatThrownBy(() -> apply("""
                [{"op": "set", "at": ["resources", {"id": "a"}, "configuration", "Name"], "value": "x"},
                 {"op": "remove", "at": ["resources", {"id": "a"}]}]"""))
                .isInstanceOfSatisfying(KeyedPatch.PatchException.class, e -> {
                    assertThat(e.pointer).isEqualTo("/1/at");
                    assertThat(e).hasMessageContaining("conflicting patch: operation 1 at /resources[id=a] overlaps "
                            + "operation 0 at /resources[id=a]/configuration/Name");
                });
        assertThatThrownBy(() -> apply("""
                [{"op": "add", "at": ["resources", {"id": "b"}], "value": {"id": "b"}}]"""))
                .hasMessageContaining("conflicting patch: /resources[id=b] already exists");
        assertThatThrownBy(() -> apply("""
                [{"op": "set", "at": ["resources", {"id": "b"}], "value": {"id": "x"}}]"""))
                .hasMessageContaining("the value's id is \"x\", but the step names \"b\"");
    }

    @Test
    void positionsAndAmbiguousKeysAreRejected() {
        assertThatThrownBy(() -> apply("""
                [{"op": "remove", "at": ["resources", 0]}]"""))
                .hasMessageContaining("never addressed by position");
        assertThatThrownBy(() -> KeyedPatch.apply(Json.parse("{\"a\": [{\"k\": 1}, {\"k\": 1}]}"),
                Json.parse("[{\"op\": \"remove\", \"at\": [\"a\", {\"k\": 1}]}]")))
                .hasMessageContaining("ambiguous step");
    }
}
