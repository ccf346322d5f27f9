package io.trailguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Missing grants appended to a policy that has no statement yet (a bucket without a policy). */
class GrantAppendTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void grantsBecomeTheWholePolicyWhenThereIsNone() throws Exception {
    JsonNode grant = JSON.readTree("{\"Sid\":\"TrailguardGrant1\",\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\"}");
    JsonNode patched = GrantSynthesizer.append(JSON.createObjectNode(), List.of(grant));
    assertThat(patched.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(patched.path("Statement").size()).isEqualTo(1);
    assertThat(patched.path("Statement").get(0)).isEqualTo(grant);
  }
}
