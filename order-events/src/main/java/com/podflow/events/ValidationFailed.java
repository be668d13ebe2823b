package com.podflow.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One validator refused one attempt of an order; {@code findings} holds all it found, not only the first. */
public record ValidationFailed(String orderId, int attempt, String validator,
        @JsonProperty(required = true) List<Finding> findings,
        Instant occurredAt) implements OrderEvent {

    public ValidationFailed {
        if (findings == null || findings.isEmpty()) {
            throw new IllegalArgumentException("a failed validation needs at least one finding");
        }
        findings = List.copyOf(findings);
    }

    /** One problem: a refusal code from {@link RefusalCodes}, the JSON path of the field, a message a user can act on. */
    public record Finding(String code, String field, String message) {}
}
