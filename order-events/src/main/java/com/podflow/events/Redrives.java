package com.podflow.events;

import java.util.Optional;

/**
 * Re-driven intake records (issue 11 item 5, ADR 0029): intake-api re-publishes the current attempt's
 * {@link OrderReceived} on {@code orders.intake} for one validator that never answered, under a derived id and with
 * the CloudEvents {@code source} {@code /intake-api/redrive/<validator>}. Every validator reads the topic; only the one
 * named runs, the others skip the record. The ledger folds it as the same attempt again (no change); a result of the
 * re-run counts once (the first result of a validator for an attempt stands).
 */
public final class Redrives {
    public static final String SOURCE_PREFIX = "/intake-api/redrive/";

    private Redrives() {
    }

    /** The source of a record re-driven to {@code validator}. */
    public static String source(String validator) {
        return SOURCE_PREFIX + validator;
    }

    /** The event id of the re-drive of {@code validator} for {@code attempt}: the same for every re-drive of it. */
    public static String eventId(String orderId, int attempt, String validator) {
        return EventEnvelope.derivedId(orderId, "redrive/" + validator + "/attempt-" + attempt);
    }

    /** The validator a re-driven record is addressed to; empty for an ordinary record. */
    public static Optional<String> target(EventEnvelope envelope) {
        String source = envelope.source();
        return source != null && source.startsWith(SOURCE_PREFIX)
                ? Optional.of(source.substring(SOURCE_PREFIX.length()))
                : Optional.empty();
    }

    /** Whether {@code validator} should handle the record: an ordinary record, or one re-driven to it. */
    public static boolean addressedTo(EventEnvelope envelope, String validator) {
        return target(envelope).map(validator::equals).orElse(true);
    }
}
