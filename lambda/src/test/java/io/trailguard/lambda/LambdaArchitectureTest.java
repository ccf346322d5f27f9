package io.trailguard.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Lambda module is a leaf beside the CLI: nothing depends on it, and it knows no CLI. */
class LambdaArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.trailguard");

    @Test
    void nothingDependsOnTheLambdaModule() {
        noClasses().that().resideOutsideOfPackage("io.trailguard.lambda..")
                .should().dependOnClassesThat().resideInAPackage("io.trailguard.lambda..")
                .check(ALL);
    }

    @Test
    void theLambdaKnowsNoCli() {
        noClasses().that().resideInAPackage("io.trailguard.lambda..")
                .should().dependOnClassesThat().resideInAnyPackage("io.trailguard.cli..", "picocli..")
                .check(ALL);
    }
}
