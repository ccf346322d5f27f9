package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** core's module descriptor: its API packages exported, its implementation only to the trailguard modules on it. */
class CoreModuleTest {
    @Test
    void exportsExactlyThePackagesThatSayTheyAreApi() throws IOException {
        ModuleExports.assertExportsMatchPackageDocs();
        assertThat(ModuleExports.publicExports(ModuleExports.descriptor())).contains("io.trailguard.core",
                "io.trailguard.core.report", "io.trailguard.core.testing", "io.trailguard.core.policy")
                .doesNotContain("io.trailguard.core.dsl", "io.trailguard.core.engine", "io.trailguard.core.snapshot");
    }

    @Test
    void implementationPackagesAreExportedOnlyToTrailguardModules() throws IOException {
        ModuleDescriptor d = ModuleExports.descriptor();
        assertThat(d.name()).isEqualTo("io.trailguard.core");
        d.exports().stream().filter(ModuleDescriptor.Exports::isQualified).forEach(e ->
                assertThat(e.targets()).as(e.source()).allMatch(t -> t.startsWith("io.trailguard.")));
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
                .noneMatch(n -> n.startsWith("software.amazon") || n.startsWith("info.picocli"));
    }
}
