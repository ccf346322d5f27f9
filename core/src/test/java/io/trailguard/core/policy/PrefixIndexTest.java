package io.trailguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prefix index answers exactly as matching every pattern in turn. */
class PrefixIndexTest {
  private static final String[] PIECES = {"arn", ":", "aws", "s3", "", "logs", "/", "AWSLogs", "1111", "2222", "*", "?",
      "${aws:username}", "${aws:SourceAccount}", "x", "key", "kms", "us-east-1", "$"};

  private static String random(Random r) {
    StringBuilder sb = new StringBuilder(r.nextInt(3) == 0 ? "" : "arn:aws:");
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  @Test
  void sameAsLinearMatching() {
    Random r = new Random(3);
    Wildcard.Variables vars = name -> name.equals("aws:username") ? "alice" : null;
    for (int round = 0; round < 300; round++) {
      List<String> patterns = new ArrayList<>();
      int n = PrefixIndex.MIN_SIZE + r.nextInt(40);
      for (int i = 0; i < n; i++) {
        patterns.add(random(r));
      }
      List<String> copy = List.copyOf(patterns);
      for (int k = 0; k < 50; k++) {
        String arn = r.nextBoolean() ? random(r).replace("*", "x").replace("?", "y")
            : patterns.get(r.nextInt(n)).replace("*", "zz").replace("?", "q").replace("${aws:username}", "alice");
        boolean variables = r.nextBoolean();
        boolean linear = false;
        for (String p : copy) {
          if (Arns.matches(p, arn, variables, vars)) {
            linear = true;
            break;
          }
        }
        assertThat(PrefixIndex.of(copy).anyMatches(arn, variables, vars)).as(arn + " vs " + copy).isEqualTo(linear);
      }
    }
  }
}
