package com.podflow.ledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.podflow.events.CancelRequested;
import com.podflow.events.DraftSaved;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ShipmentUpdateRequested;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;

/**
 * The fold: {@code (OrderState, OrderEvent) -> (OrderState, [OrderStatusChanged])}. Pure (no I/O, no clock: times come
 * from the events), so the live projection, a replay and the timeline all compute the same states.
 *
 * <p>
 * An attempt passes when every required validator passed it, and fails at the first failure; results of an attempt
 * other than the current one are recorded but never change the status. {@code created} follows {@code passed}.
 */
public final class OrderFold {
    private final Set<String> requiredValidators;

    public OrderFold(Set<String> requiredValidators) {
        if (requiredValidators.isEmpty()) {
            throw new IllegalArgumentException("at least one validator must be required");
        }
        this.requiredValidators = Set.copyOf(requiredValidators);
    }

    /** The new state and the status changes the event caused (in order). */
    public record Result(OrderState state, List<OrderStatusChanged> changes) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    public Result evolve(OrderState state, OrderEvent event) {
        if (!state.orderId().equals(event.orderId())) {
            throw new IllegalArgumentException(
                    "event for order " + event.orderId() + " folded into order " + state.orderId());
        }
        // Java 17 has no pattern switch; EveryEventIsFoldedTest fails when a new event type is not handled here.
        if (event instanceof OrderReceived received) {
            return onReceived(state, received);
        }
        if (event instanceof DraftSaved draft) {
            return onDraft(state, draft);
        }
        if (event instanceof CancelRequested cancel) {
            return onCancel(state, cancel);
        }
        if (event instanceof ShipmentUpdateRequested update) {
            return onShipmentUpdate(state, update);
        }
        if (event instanceof ValidationPassed passed) {
            return onResult(state, new OrderState.ValidatorResult(passed.attempt(), passed.validator(), true,
                    List.of(), passed.resolution(), passed.occurredAt()));
        }
        if (event instanceof ValidationFailed failed) {
            return onResult(state, new OrderState.ValidatorResult(failed.attempt(), failed.validator(), false,
                    failed.findings(), null, failed.occurredAt()));
        }
        if (event instanceof OrderStatusChanged) {
            // the ledger's own output: it carries nothing the state does not already hold
            return new Result(state, List.of());
        }
        throw new IllegalArgumentException("the fold does not handle " + event.getClass().getSimpleName());
    }

    private Result onReceived(OrderState state, OrderReceived event) {
        var changes = new ArrayList<OrderStatusChanged>();
        if (!state.hasBeenReceived()) {
            // new, or a draft being placed
            String cause = state.status() == FulfillmentStatus.DRAFT
                    ? "draft placed"
                    : "order received via " + event.channel();
            OrderState next = move(state.received(event), FulfillmentStatus.RECEIVED, event.occurredAt(), cause, null,
                    null, changes);
            return new Result(decide(next, event.occurredAt(), changes), changes);
        }
        if (state.status() == FulfillmentStatus.FAILED && event.attempt() > state.attempt()) {
            // reprocess: a new attempt through validation; the old attempt's results stay in the history
            OrderState next = move(state.received(event), FulfillmentStatus.RECEIVED, event.occurredAt(),
                    "reprocessed as attempt " + event.attempt(), null, null, changes);
            return new Result(decide(next, event.occurredAt(), changes), changes);
        }
        if (event.attempt() == state.attempt()) {
            // the same attempt received twice (a replayed command): the first one stands
            return new Result(state, List.of());
        }
        return new Result(state.noted(event.occurredAt(), "attempt " + event.attempt() + " ignored: the order is "
                + state.status().wireName() + " at attempt " + state.attempt()), List.of());
    }

    private Result onDraft(OrderState state, DraftSaved event) {
        if (state.status() == null) {
            var changes = new ArrayList<OrderStatusChanged>();
            OrderState next = move(state.drafted(event), FulfillmentStatus.DRAFT, event.occurredAt(),
                    "draft saved via " + event.channel(), null, null, changes);
            return new Result(next, changes);
        }
        if (state.status() == FulfillmentStatus.DRAFT) {
            return new Result(state.drafted(event).noted(event.occurredAt(), "draft updated"), List.of());
        }
        return new Result(state.noted(event.occurredAt(), "draft update ignored: the order was already placed"),
                List.of());
    }

    private Result onCancel(OrderState state, CancelRequested event) {
        if (state.status() == null) {
            return new Result(state.noted(event.occurredAt(), "cancel refused: the order has not been received"),
                    List.of());
        }
        if (state.status() == FulfillmentStatus.CANCELED) {
            return new Result(state, List.of());
        }
        if (state.status().hasShipped()) {
            return new Result(state.noted(event.occurredAt(), "cancel refused: the order is already "
                    + state.status().wireName()), List.of());
        }
        var changes = new ArrayList<OrderStatusChanged>();
        OrderState next = move(state, FulfillmentStatus.CANCELED, event.occurredAt(), "canceled by the client", null,
                null, changes);
        return new Result(next, changes);
    }

    private Result onShipmentUpdate(OrderState state, ShipmentUpdateRequested event) {
        if (state.status() == null || state.order() == null) {
            return new Result(state.noted(event.occurredAt(),
                    "shipment update refused: the order has not been received"), List.of());
        }
        if (state.status() == FulfillmentStatus.CANCELED || state.status().hasShipped()) {
            return new Result(state.noted(event.occurredAt(), "shipment update refused: the order is "
                    + state.status().wireName()), List.of());
        }
        OrderState next = state.withShipment(event.shipmentMethodUid(), event.shippingAddress(), event.occurredAt());
        return new Result(next.noted(event.occurredAt(), "shipment updated"
                + (event.shipmentMethodUid() == null ? "" : ": method " + event.shipmentMethodUid())
                + (event.shippingAddress() == null ? "" : ", address changed")), List.of());
    }

    private Result onResult(OrderState state, OrderState.ValidatorResult result) {
        if (state.result(result.attempt(), result.validator()).isPresent()) {
            // a validator reported the same attempt twice (a redelivery): the first report stands
            return new Result(state, List.of());
        }
        var changes = new ArrayList<OrderStatusChanged>();
        OrderState next = state.withResult(result);
        return new Result(decide(next, result.at(), changes), changes);
    }

    /** Moves a received order on when the results of its current attempt decide it. */
    private OrderState decide(OrderState state, Instant at, List<OrderStatusChanged> changes) {
        if (state.status() != FulfillmentStatus.RECEIVED) {
            return state;
        }
        List<OrderState.ValidatorResult> current = state.resultsOf(state.attempt());
        Optional<OrderState.ValidatorResult> firstFailure = current.stream().filter(r -> !r.passed()).findFirst();
        if (firstFailure.isPresent()) {
            ValidationFailed.Finding finding = firstFailure.get().findings().get(0);
            return move(state, FulfillmentStatus.FAILED, at, "validator '" + firstFailure.get().validator()
                    + "' refused attempt " + state.attempt(), finding.code(), finding.message(), changes);
        }
        boolean allPassed = requiredValidators.stream()
                .allMatch(v -> current.stream().anyMatch(r -> r.passed() && r.validator().equals(v)));
        if (!allPassed) {
            return state;
        }
        OrderState passed = move(state, FulfillmentStatus.PASSED, at,
                "all required validators passed attempt " + state.attempt(), null, null, changes);
        // the business rules chose the shipment method and the facility: the created order carries them
        ValidationPassed.ShipmentChoice shipment = current.stream()
                .filter(r -> r.resolution() != null && r.resolution().shipment() != null)
                .map(r -> r.resolution().shipment())
                .findFirst().orElse(null);
        String ready = shipment == null
                ? "ready for production"
                : "ready for production: " + shipment.shipmentMethodUid() + " from facility "
                        + shipment.fulfillmentFacilityId() + " (" + shipment.fulfillmentCountry() + ")";
        return move(passed.withShipmentChoice(shipment), FulfillmentStatus.CREATED, at, ready, null, null, changes);
    }

    private static OrderState move(OrderState state, FulfillmentStatus next, Instant at, String cause,
            String reasonCode, String reason, List<OrderStatusChanged> changes) {
        OrderState moved = state.movedTo(next, at, cause, reasonCode, reason);
        changes.add(new OrderStatusChanged(moved.orderId(), moved.clientId(), moved.orderReferenceId(),
                moved.sequence(), state.status(), next, cause, moved.attempt(), reasonCode, reason, moved.order(),
                at));
        return moved;
    }
}
