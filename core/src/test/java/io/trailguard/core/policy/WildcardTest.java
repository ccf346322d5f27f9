package io.trailguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WildcardTest {
  private static String random(Random rnd, String alphabet, int max) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void matchingWithoutCompilingAgreesWithTheCompiledPattern() {
    Random rnd = new Random(42);
    for (int i = 0; i < 50_000; i++) {
      String pattern = random(rnd, "aAb*?:", 7);
      String s = random(rnd, "aAb:", 8);
      boolean lower = rnd.nextBoolean();
      boolean compiled = Wildcard.matches(Wildcard.compile(pattern, false, Wildcard.Variables.NONE, lower), s);
      assertThat(Wildcard.matchesPlain(pattern, s, lower)).as("%s ~ %s (lower %s)", pattern, s, lower)
          .isEqualTo(compiled);
      if (!lower) {
        assertThat(Wildcard.matches(pattern, s, true, Wildcard.Variables.NONE)).isEqualTo(compiled);
      }
    }
  }

  @Test
  void patternsWithVariablesAreStillSubstituted() {
    Wildcard.Variables vars = name -> name.equals("aws:username") ? "alice" : null;
    assertThat(Wildcard.matches("home/${aws:username}/*", "home/alice/notes", true, vars)).isTrue();
    assertThat(Wildcard.matches("home/${aws:username}/*", "home/bob/notes", true, vars)).isFalse();
    assertThat(Wildcard.matches("home/${aws:username}/*", "home/${aws:username}/x", false, vars)).isTrue();
    assertThat(Wildcard.matches("home/${aws:nothing}/*", "home/x/y", true, vars)).isFalse();
  }
}
