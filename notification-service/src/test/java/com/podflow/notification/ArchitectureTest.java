package com.podflow.notification;

import org.junit.jupiter.api.Test;

import com.podflow.infra.ArchitectureRules;

class ArchitectureTest {

    @Test
    void theDomainIsFrameworkFree() {
        ArchitectureRules.checkDomainIsFrameworkFree("com.podflow.notification");
    }
}
