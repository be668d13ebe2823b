package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;

class DeliveryAttemptTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final PostbackPayload PAYLOAD = PostbackPayload.of("event-1", new OrderStatusChanged("order-1",
            "client-1", "ref-1", 1, null, FulfillmentStatus.RECEIVED, null, 1, null, null, null, T0));

    @Test
    void a2xxAnswerIsDelivered() {
        DeliveryAttempt attempt = DeliveryAttempt.answered(PAYLOAD, "{}", "https://x", 202, "ok", 12, T0);

        assertThat(attempt.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(attempt.statusCode()).isEqualTo(202);
        assertThat(attempt.responseExcerpt()).isEqualTo("ok");
        assertThat(attempt.error()).isNull();
    }

    @Test
    void aRedirectOrAnErrorStatusFailed() {
        assertThat(DeliveryAttempt.answered(PAYLOAD, "{}", "https://x", 302, "", 1, T0).outcome())
                .isEqualTo(DeliveryOutcome.FAILED);
        DeliveryAttempt failed = DeliveryAttempt.answered(PAYLOAD, "{}", "https://x", 500, "boom", 1, T0);
        assertThat(failed.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(failed.error()).isEqualTo("HTTP 500");
    }

    @Test
    void theLogKeepsTheFirstThousandCharactersOfTheAnswer() {
        // given
        String body = "x".repeat(999) + "\uD83D\uDE00" + "y".repeat(5000);

        // when
        DeliveryAttempt attempt = DeliveryAttempt.answered(PAYLOAD, "{}", "https://x", 200, body, 1, T0);

        // then the emoji would be cut in half, so it is left out
        assertThat(attempt.responseExcerpt()).isEqualTo("x".repeat(999));
        assertThat(DeliveryAttempt.answered(PAYLOAD, "{}", "https://x", 200, "a\0b", 1, T0).responseExcerpt())
                .isEqualTo("a\uFFFDb");
    }

    @Test
    void noTargetSendsNothing() {
        DeliveryAttempt attempt = DeliveryAttempt.noTarget(PAYLOAD, "{}", T0);

        assertThat(attempt.outcome()).isEqualTo(DeliveryOutcome.NO_TARGET);
        assertThat(attempt.url()).isNull();
        assertThat(attempt.eventId()).isEqualTo("event-1");
        assertThat(attempt.clientId()).isEqualTo("client-1");
    }
}
