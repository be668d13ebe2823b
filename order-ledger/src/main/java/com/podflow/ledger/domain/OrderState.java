package com.podflow.ledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderReceived;
import com.podflow.events.ValidationFailed;
import com.podflow.events.order.Order;

/**
 * The ledger's view of one order, built only by {@link OrderFold}. Immutable: every transition returns a new state.
 * {@code status} is null until the order itself has been received (validation results can arrive first: they travel
 * on another topic).
 */
public record OrderState(
        String orderId,
        String clientId,
        String orderReferenceId,
        String channel,
        FulfillmentStatus status,
        int attempt,
        Order order,
        Instant receivedAt,
        Instant updatedAt,
        long sequence,
        String refusalReasonCode,
        String refusalReason,
        List<ValidatorResult> results,
        List<StatusEntry> statusHistory) {

    public OrderState {
        results = List.copyOf(results);
        statusHistory = List.copyOf(statusHistory);
    }

    /** Nothing known yet about the order. */
    public static OrderState empty(String orderId) {
        return new OrderState(orderId, null, null, null, null, 0, null, null, null, 0, null, null, List.of(),
                List.of());
    }

    /** The result one validator reported for one attempt; {@code findings} is empty when it passed. */
    public record ValidatorResult(int attempt, String validator, boolean passed,
            List<ValidationFailed.Finding> findings, Instant at) {
        public ValidatorResult {
            findings = List.copyOf(findings);
        }
    }

    /** One status change with its time and cause, as the order's history shows it. */
    public record StatusEntry(FulfillmentStatus status, Instant at, String cause) {}

    public boolean hasBeenReceived() {
        return status != null;
    }

    /** The first result a validator reported for an attempt; later duplicates do not count. */
    public Optional<ValidatorResult> result(int forAttempt, String validator) {
        return results.stream().filter(r -> r.attempt() == forAttempt && r.validator().equals(validator)).findFirst();
    }

    public List<ValidatorResult> resultsOf(int forAttempt) {
        return results.stream().filter(r -> r.attempt() == forAttempt).toList();
    }

    OrderState received(OrderReceived event) {
        return new OrderState(orderId, event.clientId(), event.order() == null
                ? null
                : event.order().orderReferenceId(), event.channel(), status, event.attempt(), event.order(),
                event.occurredAt(), event.occurredAt(), sequence, null, null, results, statusHistory);
    }

    OrderState withResult(ValidatorResult result) {
        List<ValidatorResult> more = new ArrayList<>(results);
        more.add(result);
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, order, receivedAt,
                later(result.at()), sequence, refusalReasonCode, refusalReason, more, statusHistory);
    }

    OrderState movedTo(FulfillmentStatus next, Instant at, String cause, String reasonCode, String reason) {
        List<StatusEntry> history = new ArrayList<>(statusHistory);
        history.add(new StatusEntry(next, at, cause));
        return new OrderState(orderId, clientId, orderReferenceId, channel, next, attempt, order, receivedAt,
                later(at), sequence + 1, reasonCode, reason, results, history);
    }

    private Instant later(Instant at) {
        return updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
    }
}
