package com.podflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void neverHandsOutOnePortTwice() {
        // given ports asked for one after the other, none of them bound (as a broker asks for listener and controller)
        Set<Integer> ports = new HashSet<>();

        // when
        for (int i = 0; i < 200; i++) {
            ports.add(FreePorts.next());
        }

        // then
        assertThat(ports).hasSize(200).allSatisfy(port -> assertThat(port).isBetween(1, 65_535));
    }
}
