package io.trailguard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holds the module picture of DESIGN.md from core's side, and keeps third-party types out of the public API. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trailguard.core");

    /** Packages whose public signatures are the library API. */
    private static final List<String> API = List.of("io.trailguard.core", "io.trailguard.core.testing",
            "io.trailguard.core.report", "io.trailguard.core.fix");
    private static final List<String> THIRD_PARTY = List.of("com.fasterxml.", "org.snakeyaml.", "com.jayway.",
            "com.google.re2j.", "com.networknt.");

    @Test
    void coreKnowsNothingOfTheAwsSdkTheCliOrTheOtherModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "picocli..",
                "io.trailguard.cli..", "io.trailguard.aws..", "io.trailguard.rules..").check(CORE);
    }

    @Test
    void noThirdPartyTypeInThePublicApi() {
        codeUnits().that().arePublic().and().areDeclaredInClassesThat(new DescribedPredicate<JavaClass>("API classes") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC) && API.contains(c.getPackageName());
                    }
                })
                .should(new ArchCondition<JavaCodeUnit>("not mention third-party types in their signature, type arguments included") {
                    @Override
                    public void check(JavaCodeUnit m, ConditionEvents events) {
                        for (JavaClass t : Signatures.involvedTypes(m)) {
                            if (THIRD_PARTY.stream().anyMatch(p -> t.getName().startsWith(p))) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                            }
                        }
                    }
                })
                .check(CORE);
    }
}
