package com.podflow.files;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the domain free of framework code, so the rules stay plain Java that a unit test can run. */
class ArchitectureTest {
    // a plain JUnit test: ArchUnit's own test engine is not picked up under the BOM's JUnit platform
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.podflow.files");

    @Test
    void theDomainIsFrameworkFree() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..", "io.vertx..", "org.apache.kafka..",
                        "org.eclipse.microprofile..", "org.hibernate..")
                .check(CLASSES);
    }
}
