package com.podflow.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering rules every service keeps, checked by a plain JUnit test in each module (ArchUnit's own test engine is
 * not picked up under the Quarkus BOM's JUnit platform).
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /**
     * The {@code ..domain..} packages below {@code basePackage} depend on no framework (CDI, Quarkus, Vert.x, Kafka,
     * MicroProfile, Hibernate), so their rules stay plain Java that a unit test runs without starting anything.
     */
    public static void checkDomainIsFrameworkFree(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..", "io.vertx..", "org.apache.kafka..",
                        "org.eclipse.microprofile..", "org.hibernate..")
                .check(classes);
    }
}
