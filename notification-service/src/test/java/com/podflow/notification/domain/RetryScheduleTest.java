package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theStandardScheduleHasTenAttempts() {
        // when
        RetrySchedule schedule = RetrySchedule.parse(RetrySchedule.STANDARD, 0);

        // then
        assertThat(schedule.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
        assertThat(schedule.maxAttempts()).isEqualTo(10);
    }

    @Test
    void afterAFailedAttemptTheNextDelayApplies() {
        // given
        RetrySchedule schedule = RetrySchedule.parse("0s,5s,5m", 0);

        // then
        assertThat(schedule.nextAttempt(1, 500, null, NOW, () -> 0.5)).contains(NOW.plusSeconds(5));
        assertThat(schedule.nextAttempt(2, null, null, NOW, () -> 0.5)).contains(NOW.plusSeconds(300));
        assertThat(schedule.nextAttempt(3, 500, null, NOW, () -> 0.5)).isEmpty();
    }

    @Test
    void jitterSpreadsTheDelayBothWays() {
        // given
        RetrySchedule schedule = RetrySchedule.parse("0s,10s", 0.2);

        // then
        assertThat(schedule.delayBefore(2, () -> 0.0)).contains(Duration.ofSeconds(8));
        assertThat(schedule.delayBefore(2, () -> 1.0)).contains(Duration.ofSeconds(12));
        assertThat(schedule.delayBefore(1, () -> 1.0)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterOn429And503IsHonouredWhenLater() {
        // given
        RetrySchedule schedule = RetrySchedule.parse("0s,5s", 0);

        // then
        assertThat(schedule.nextAttempt(1, 429, "120", NOW, () -> 0.5)).contains(NOW.plusSeconds(120));
        assertThat(schedule.nextAttempt(1, 503, "Mon, 23 Nov 2026 10:01:00 GMT", NOW, () -> 0.5))
                .contains(NOW.plusSeconds(60));
        assertThat(schedule.nextAttempt(1, 503, "1", NOW, () -> 0.5)).contains(NOW.plusSeconds(5));
        assertThat(schedule.nextAttempt(1, 500, "120", NOW, () -> 0.5)).contains(NOW.plusSeconds(5));
        assertThat(schedule.nextAttempt(1, 429, "999999", NOW, () -> 0.5)).contains(NOW.plus(Duration.ofHours(24)));
        assertThat(schedule.nextAttempt(1, 429, "soon", NOW, () -> 0.5)).contains(NOW.plusSeconds(5));
    }

    @Test
    void aBadEntryIsRefused() {
        assertThatThrownBy(() -> RetrySchedule.parse("0s,5x", 0)).hasMessageContaining("'5x'");
        assertThatThrownBy(() -> RetrySchedule.parse("", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
