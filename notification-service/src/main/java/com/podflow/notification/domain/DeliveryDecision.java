package com.podflow.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What follows one attempt: 2xx delivers; 410 Gone gives up and disables the endpoint at once; anything else (a
 * redirect, an error status, no answer) is tried again on the schedule, or given up when it is used up. An endpoint
 * that has not had one success for {@code disableAfter} is disabled.
 */
public record DeliveryDecision(String outcome, String state, Instant nextAttemptAt, String responseExcerpt,
        String error, String disableReason) {

    public static DeliveryDecision of(int attempt, Integer statusCode, String body, String error, String retryAfter,
            RetrySchedule schedule, Instant now, DoubleSupplier random) {
        String excerpt = DeliveryAttempt.excerpt(body);
        if (statusCode != null && statusCode >= 200 && statusCode < 300) {
            return new DeliveryDecision("delivered", "delivered", null, excerpt, null, null);
        }
        String why = error != null ? error : "HTTP " + statusCode;
        if (statusCode != null && statusCode == 410) {
            return new DeliveryDecision("failed", "failed", null, excerpt, why, "the endpoint answered 410 Gone");
        }
        Optional<Instant> next = schedule.nextAttempt(attempt, statusCode, retryAfter, now, random);
        return new DeliveryDecision("failed", next.isPresent() ? "pending" : "failed", next.orElse(null), excerpt, why,
                null);
    }

    /** The same decision, with the endpoint disabled because it has been failing since {@code failingSince}. */
    public DeliveryDecision failingFor(Instant failingSince, Duration disableAfter, Instant now) {
        if (disableReason != null || outcome.equals("delivered")
                || Duration.between(failingSince, now).compareTo(disableAfter) < 0) {
            return this;
        }
        return new DeliveryDecision(outcome, "failed", null, responseExcerpt, error,
                "no successful delivery since " + failingSince);
    }

    public boolean disables() {
        return disableReason != null;
    }
}
