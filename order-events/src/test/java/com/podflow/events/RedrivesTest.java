package com.podflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RedrivesTest {
    static final OrderReceived RECEIVED = new OrderReceived("o-1", "c-1", 2, "api", null,
            Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void aRedrivenRecordIsAddressedToItsValidatorOnlyAndAnOrdinaryOneToAll() {
        EventEnvelope redriven = EventEnvelope.withId(Redrives.eventId("o-1", 2, Validators.FILES), RECEIVED,
                Redrives.source(Validators.FILES), "c-1", 2, null);
        EventEnvelope ordinary = EventEnvelope.wrap(RECEIVED, "/intake-api", "c-1", 2, null);

        assertThat(Redrives.target(redriven)).contains(Validators.FILES);
        assertThat(Redrives.addressedTo(redriven, Validators.FILES)).isTrue();
        assertThat(Redrives.addressedTo(redriven, Validators.DATA)).isFalse();
        assertThat(Redrives.addressedTo(ordinary, Validators.DATA)).isTrue();
        assertThat(Redrives.target(ordinary)).isEmpty();
    }

    @Test
    void theIdIsTheSameForEveryRedriveOfOneValidatorAndAttempt() {
        assertThat(Redrives.eventId("o-1", 2, "files")).isEqualTo(Redrives.eventId("o-1", 2, "files"))
                .isNotEqualTo(Redrives.eventId("o-1", 3, "files"))
                .isNotEqualTo(Redrives.eventId("o-1", 2, "data"));
    }
}
