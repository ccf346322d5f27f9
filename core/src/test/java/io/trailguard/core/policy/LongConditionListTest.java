package io.trailguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Long condition value lists are matched through a prefix index: the answer must be that of trying every value. */
class LongConditionListTest {
  private static String random(Random rnd, String alphabet, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(max);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void indexedMatchingAgreesWithTryingEveryValue() {
    Random rnd = new Random(7);
    RequestContext ctx = new RequestContext(AccessRequest.of("arn:aws:iam::111122223333:user/alice", "s3:GetObject",
        "arn:aws:s3:::b/k"));
    int checked = 0;
    for (String op : List.of("StringEquals", "StringLike", "ArnLike", "StringNotLike", "ArnEquals")) {
      ConditionOperator operator = ConditionOperator.byName(op).orElseThrow();
      for (int i = 0; i < 300; i++) {
        List<String> values = new ArrayList<>();
        int n = PrefixIndex.MIN_SIZE + rnd.nextInt(80);
        for (int k = 0; k < n; k++) {
          values.add(random(rnd, "ab:*?", 6));
        }
        Condition c = new Condition(op, SetQualifier.NONE, operator, false, "k", values);
        for (int j = 0; j < 20; j++) {
          String req = random(rnd, "ab:", 7);
          boolean linear = false;
          for (String pv : values) {
            linear |= Conditions.matchOne(operator.family(), pv, req, ctx, false);
          }
          assertThat(Conditions.passes(c, req, ctx, false)).as("%s %s ~ %s", op, values, req)
              .isEqualTo(operator.negated() != linear);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(5 * 300 * 20);
  }

  @Test
  void patternsSharingTheirPrefixAreFoundByTheTextAfterTheirFirstWildcard() {
    // a central key's policy: one pattern per account, all starting "arn:aws:cloudtrail:" then a wildcard region
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      values.add("arn:aws:cloudtrail:*:" + (100000000000L + i) + ":trail/*");
    }
    values.add("arn:aws:cloudtrail:*:*:trail/org-*");
    RequestContext ctx = new RequestContext(AccessRequest.of("cloudtrail.amazonaws.com", "kms:GenerateDataKey",
        "arn:aws:kms:us-east-1:100000000000:key/k"));
    for (String op : List.of("StringLike", "ArnLike")) {
      ConditionOperator operator = ConditionOperator.byName(op).orElseThrow();
      Condition c = new Condition(op, SetQualifier.NONE, operator, false, "kms:EncryptionContext:aws:cloudtrail:arn",
          values);
      assertThat(Conditions.passes(c, "arn:aws:cloudtrail:eu-west-1:100000000999:trail/main", ctx, false)).isTrue();
      assertThat(Conditions.passes(c, "arn:aws:cloudtrail:eu-west-1:200000000000:trail/main", ctx, false)).isFalse();
      assertThat(Conditions.passes(c, "arn:aws:cloudtrail:eu-west-1:200000000000:trail/org-all", ctx, false)).isTrue();
    }
  }
}
