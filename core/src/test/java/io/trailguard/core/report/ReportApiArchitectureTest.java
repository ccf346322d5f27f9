package io.trailguard.core.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report and suppression APIs expose no third-party type (Jackson, SnakeYAML, JsonPath) in a public signature,
 * and their public classes are final (records aside).
 */
class ReportApiArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trailguard.core.report", "io.trailguard.core.suppress");

    @Test
    void noThirdPartyTypeInPublicSignatures() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should(new ArchCondition<JavaMethod>("use only JDK and trailguard types in their signature") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        for (JavaClass t : io.trailguard.core.Signatures.involvedTypes(m)) {
                            String n = t.getName();
                            boolean ok = t.isPrimitive() || n.startsWith("java.") || n.startsWith("io.trailguard.")
                                    || t.isArray() && (t.getComponentType().isPrimitive()
                                    || t.getComponentType().getName().startsWith("java."));
                            if (!ok) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + n));
                            }
                        }
                    }
                }).check(CLASSES);
    }

    @Test
    void publicClassesAreFinal() {
        classes().that().areTopLevelClasses().and().arePublic().and().areNotRecords().and().areNotInterfaces()
                .should().haveModifier(JavaModifier.FINAL).check(CLASSES);
        classes().that().haveSimpleName("Reports").should().notBePublic().check(CLASSES);
    }

}
