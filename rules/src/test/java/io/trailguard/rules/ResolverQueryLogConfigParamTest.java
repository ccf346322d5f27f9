package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.fix.ParamUse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where R53-03's fix takes {@code queryLogConfigId} from when no {@code --param} sets it: a configuration of the
 * region of the zone's unlogged VPCs, the one the account's other VPCs there use, else the account's only one there;
 * never one of another region, never a pick among equals.
 */
class ResolverQueryLogConfigParamTest {
    static Map<String, Finding> byZone;

    @BeforeAll
    static void scan() throws IOException {
        Snapshot snap = Snapshot.read(Path.of("src/test/resources/resolver/config-sources.json"));
        byZone = Engine.create().scan(BuiltinRules.pack(), snap).findings().stream()
                .filter(f -> f.ruleId().equals("R53-03"))
                .collect(Collectors.toMap(f -> f.resource().id().replace("arn:aws:route53:::hostedzone/", ""),
                        f -> f));
    }

    private static ParamUse use(String zone) {
        Finding f = byZone.get(zone);
        assertThat(f.status()).as(zone).isEqualTo(Status.FAIL);
        return f.fixIfAny().orElseThrow().params().stream().filter(p -> p.name().equals("queryLogConfigId"))
                .findFirst().orElseThrow();
    }

    @Test
    void theConfigurationTheAccountsOtherVpcsInTheRegionUse() {
        ParamUse p = use("Z0USEDBYOTHERS");
        assertThat(p.value()).isEqualTo("rqlc-used0000000001");
        assertThat(p.source()).isEqualTo("snapshot: the Resolver query logging configuration the account's other "
                + "VPCs in us-east-1 use");
        assertThat(String.join("\n", byZone.get("Z0USEDBYOTHERS").fixIfAny().orElseThrow().cli()))
                .contains("--resolver-query-log-config-id rqlc-used0000000001")
                .contains("--resource-id vpc-0a0000000000000a2");
    }

    @Test
    void theAccountsOnlyConfigurationInTheRegion() {
        ParamUse p = use("Z0ONLYCONFIG");
        assertThat(p.value()).isEqualTo("rqlc-only0000000001");
        assertThat(p.source()).isEqualTo("snapshot: the account's only Resolver query logging configuration in "
                + "eu-west-1");
    }

    @Test
    void nothingIsPickedAmongEqualsAcrossRegionsOrFromAnotherRegion() {
        for (String zone : List.of("Z0TWOCONFIGS", "Z0TWOREGIONS", "Z0NOCONFIGHERE")) {
            ParamUse p = use(zone);
            assertThat(p.isUnset()).as(zone).isTrue();
            assertThat(p.source()).as(zone).isEqualTo("unset");
            assertThat(String.join("\n", byZone.get(zone).fixIfAny().orElseThrow().cli())).as(zone)
                    .doesNotContain("rqlc-").contains("${QUERY_LOG_CONFIG_ID}");
        }
    }
}
