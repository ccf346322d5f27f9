package io.trailguard.aws.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Config integration sits on collection and core; nothing below it reaches back, and it knows no rule pack. */
class ConfigArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trailguard.aws");

    @Test
    void configDependsOnNeitherCliNorRulesNorLambda() {
        noClasses().that().resideInAPackage("io.trailguard.aws.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.trailguard.cli..", "io.trailguard.rules..",
                        "io.trailguard.lambda..", "com.amazonaws.services.lambda..")
                .check(classes);
    }

    @Test
    void collectionDoesNotDependOnConfig() {
        noClasses().that().resideInAPackage("io.trailguard.aws.collect..")
                .should().dependOnClassesThat().resideInAPackage("io.trailguard.aws.config..")
                .check(classes);
    }
}
