package io.trailguard.core.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy package stays free of the AWS SDK and picocli and keeps its implementation package-private. */
class PolicyArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.trailguard.core.policy");

  private static final Set<String> IMPLEMENTATION = Set.of("Arns", "Conditions", "Engine", "GrantSynthesizer",
      "IpRange", "PolicyParser", "PublicCheck", "RequestContext", "RequestPrincipal", "WhoMay", "Wildcard");

  @Test
  void noSdkNoCli() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "picocli..")
        .check(CLASSES);
  }

  @Test
  void implementationIsPackagePrivate() {
    classes().that().haveSimpleNameStartingWith("").and().areTopLevelClasses()
        .and().haveNameMatching(".*\\.(" + String.join("|", IMPLEMENTATION) + ")")
        .should().notBePublic().check(CLASSES);
    classes().that().areTopLevelClasses().and().arePublic().and().areNotInterfaces().and().areNotEnums()
        .and().areNotRecords().and().doNotHaveSimpleName("PolicyParseException")
        .should().haveModifier(JavaModifier.FINAL).check(CLASSES);
  }
}
