package io.trailguard.aws.collect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Until the integration with core, live collection produces snapshot JSON with Jackson only. */
class CollectArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trailguard.aws.collect");

    @Test
    void collectionDoesNotDependOnCoreOrCli() {
        noClasses().that().resideInAPackage("io.trailguard.aws.collect..")
                .should().dependOnClassesThat().resideInAnyPackage("io.trailguard.core..", "io.trailguard.cli..",
                        "io.trailguard.rules..")
                .check(classes);
    }

    @Test
    void serviceCollectorsDoNotReachBackIntoTheEntryPoint() {
        noClasses().that().resideInAnyPackage("io.trailguard.aws.collect.service..",
                        "io.trailguard.aws.collect.internal..")
                .should().dependOnClassesThat().haveFullyQualifiedName(SnapshotCollector.class.getName())
                .check(classes);
    }
}
