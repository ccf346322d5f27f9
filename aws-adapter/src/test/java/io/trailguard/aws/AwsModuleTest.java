package io.trailguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.ModuleExports;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The adapter's module descriptor: collection, Config and log access exported; the collectors' machinery not. */
class AwsModuleTest {
    @Test
    void exportsExactlyThePackagesThatSayTheyAreApi() throws IOException {
        ModuleExports.assertExportsMatchPackageDocs();
        assertThat(ModuleExports.publicExports(ModuleExports.descriptor())).containsExactly("io.trailguard.aws.collect",
                "io.trailguard.aws.config", "io.trailguard.aws.logs");
        assertThat(ModuleExports.descriptor().exports()).noneMatch(e -> e.source().contains(".internal")
                || e.source().endsWith(".service"));
    }
}
