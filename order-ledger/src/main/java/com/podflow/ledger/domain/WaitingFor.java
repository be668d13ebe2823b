package com.podflow.ledger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.podflow.events.FulfillmentStatus;

/**
 * "What is this order waiting for?" (issue 11 item 3): the inputs the fold still expects for an order in a non-final
 * status, each with since when. Pure: computed from the fold's state, the required validators and {@code now}.
 *
 * <ul>
 * <li>{@code validator}: a required validator's result for the current attempt (status received);</li>
 * <li>{@code facility_receipt}: the facility's first report on the production request (created, not confirmed);</li>
 * <li>{@code facility_progress}: the facility's next report after the current status (created and confirmed, up to
 * in_transit);</li>
 * <li>{@code cancel_answer}: the facility's answer to a cancel forwarded to it.</li>
 * </ul>
 * Drafts and final statuses (failed, canceled, delivered, returned) wait for nothing.
 */
public final class WaitingFor {
    public static final String VALIDATOR = "validator";
    public static final String FACILITY_RECEIPT = "facility_receipt";
    public static final String FACILITY_PROGRESS = "facility_progress";
    public static final String CANCEL_ANSWER = "cancel_answer";

    private WaitingFor() {
    }

    /**
     * One awaited input: {@code input} its kind (one of the constants), {@code source} who must send it (validator
     * name or facility id), {@code detail} a sentence for people, {@code since} when the wait began,
     * {@code waitingSeconds} how long until {@code now}.
     */
    public record Input(String input, String source, Integer attempt, String detail, Instant since,
            long waitingSeconds) {}

    public static List<Input> of(OrderState state, OrderFold fold, Instant now) {
        List<Input> waiting = new ArrayList<>();
        FulfillmentStatus status = state.status();
        if (status == null || isFinal(status) || status == FulfillmentStatus.DRAFT) {
            return waiting;
        }
        Instant since = since(state);
        if (status == FulfillmentStatus.RECEIVED) {
            for (String validator : fold.missingValidators(state)) {
                waiting.add(input(VALIDATOR, validator, state.attempt(), "validator " + validator + " for attempt "
                        + state.attempt(), since, now));
            }
            return waiting;
        }
        OrderState.Production production = state.production();
        if (production == null) {
            return waiting; // passed is never kept: the fold moves on to created at once
        }
        String facility = production.facilityId();
        if (production.cancelPending()) {
            waiting.add(input(CANCEL_ANSWER, facility, state.attempt(), "answer of facility " + facility
                    + " to the cancel request", cancelSince(state, since), now));
        }
        if (status == FulfillmentStatus.CREATED && production.acceptedAt() == null) {
            waiting.add(input(FACILITY_RECEIPT, facility, state.attempt(), "receipt of the production request by"
                    + " facility " + facility + (production.overdue() ? " (handover overdue)" : ""),
                    production.requestedAt(), now));
        } else if (status != FulfillmentStatus.DELIVERED) {
            waiting.add(input(FACILITY_PROGRESS, facility, state.attempt(), "progress from facility " + facility
                    + " after " + status.wireName(), since, now));
        }
        return waiting;
    }

    /** Failed, canceled, delivered, returned: nothing more is expected. */
    public static boolean isFinal(FulfillmentStatus status) {
        return status == FulfillmentStatus.FAILED || status == FulfillmentStatus.CANCELED
                || status == FulfillmentStatus.DELIVERED || status == FulfillmentStatus.RETURNED;
    }

    /**
     * When the order's current wait began: the start of its current status, or for a created order its facility's
     * receipt once confirmed (then the wait is for production progress).
     */
    public static Instant since(OrderState state) {
        Instant entered = state.statusHistory().isEmpty()
                ? state.updatedAt()
                : state.statusHistory().get(state.statusHistory().size() - 1).at();
        OrderState.Production production = state.production();
        if (state.status() == FulfillmentStatus.CREATED && production != null && production.acceptedAt() != null
                && (entered == null || production.acceptedAt().isAfter(entered))) {
            return production.acceptedAt();
        }
        return entered;
    }

    private static Instant cancelSince(OrderState state, Instant fallback) {
        return state.notes().stream().filter(n -> n.text().startsWith("cancel forwarded to facility"))
                .map(OrderState.Note::at).reduce((first, last) -> last).orElse(fallback);
    }

    private static Input input(String input, String source, int attempt, String detail, Instant since,
            Instant now) {
        long seconds = since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
        return new Input(input, source, attempt, detail + (since == null ? "" : ": none for " + human(seconds)),
                since, seconds);
    }

    /** 14 min, 2 h 5 min, 40 s. */
    static String human(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
