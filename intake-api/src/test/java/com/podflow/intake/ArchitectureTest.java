package com.podflow.intake;

import org.junit.jupiter.api.Test;

import com.podflow.infra.ArchitectureRules;

class ArchitectureTest {

    @Test
    void theDomainIsFrameworkFree() {
        ArchitectureRules.checkDomainIsFrameworkFree("com.podflow.intake");
    }
}
