package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeliveryDecisionTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final RetrySchedule SCHEDULE = RetrySchedule.parse("0s,5s,5m", 0);

    @Test
    void a2xxIsDelivered() {
        DeliveryDecision d = DeliveryDecision.of(1, 204, null, null, null, SCHEDULE, NOW, () -> 0.5);

        assertThat(d.state()).isEqualTo("delivered");
        assertThat(d.disables()).isFalse();
    }

    @Test
    void aFailureIsRetriedUntilTheScheduleIsUsedUp() {
        DeliveryDecision first = DeliveryDecision.of(1, 500, "boom", null, null, SCHEDULE, NOW, () -> 0.5);
        DeliveryDecision last = DeliveryDecision.of(3, null, null, "no answer", null, SCHEDULE, NOW, () -> 0.5);

        assertThat(first.state()).isEqualTo("pending");
        assertThat(first.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(first.error()).isEqualTo("HTTP 500");
        assertThat(first.responseExcerpt()).isEqualTo("boom");
        assertThat(last.state()).isEqualTo("failed");
        assertThat(last.nextAttemptAt()).isNull();
    }

    @Test
    void goneDisablesAtOnce() {
        DeliveryDecision d = DeliveryDecision.of(1, 410, null, null, null, SCHEDULE, NOW, () -> 0.5);

        assertThat(d.state()).isEqualTo("failed");
        assertThat(d.disableReason()).contains("410");
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() {
        DeliveryDecision d = DeliveryDecision.of(1, 500, null, null, null, SCHEDULE, NOW, () -> 0.5);

        assertThat(d.failingFor(NOW.minus(Duration.ofHours(119)), Duration.ofHours(120), NOW).disables()).isFalse();
        DeliveryDecision disabled = d.failingFor(NOW.minus(Duration.ofHours(120)), Duration.ofHours(120), NOW);
        assertThat(disabled.disables()).isTrue();
        assertThat(disabled.state()).isEqualTo("failed");
    }
}
