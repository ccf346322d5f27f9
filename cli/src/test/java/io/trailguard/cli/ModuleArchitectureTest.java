package io.trailguard.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module picture of DESIGN.md: cli → aws-adapter → core ← rules, and cli → core. */
class ModuleArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // aws-adapter's test-jar (its moto fixtures, reused here) is test code too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.trailguard");

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("io.trailguard.core..")
                .layer("rules").definedBy("io.trailguard.rules..")
                .layer("aws").definedBy("io.trailguard.aws..")
                .layer("cli").definedBy("io.trailguard.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("aws").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("core").mayOnlyBeAccessedByLayers("rules", "aws", "cli")
                .check(ALL);
    }

    @Test
    void onlyTheCliKnowsPicocli() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideOutsideOfPackage("io.trailguard.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(ALL);
    }
}
