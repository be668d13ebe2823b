package com.podflow.ledger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.podflow.events.CancelRequested;
import com.podflow.events.DraftSaved;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.HandoverOverdue;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionCancelRequested;
import com.podflow.events.ProductionReported;
import com.podflow.events.ProductionRequested;
import com.podflow.events.ProductionShipmentUpdated;
import com.podflow.events.RefusalCodes;
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

    /**
     * The new state, the status changes the event caused (for {@code orders.status}) and the messages for the
     * facility ({@code orders.production}: ProductionRequested, ProductionCancelRequested, ProductionShipmentUpdated),
     * each in order.
     */
    public record Result(OrderState state, List<OrderStatusChanged> changes, List<OrderEvent> production) {
        public Result {
            changes = List.copyOf(changes);
            production = List.copyOf(production);
        }

        public Result(OrderState state, List<OrderStatusChanged> changes) {
            this(state, changes, List.of());
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
        if (event instanceof ProductionReported report) {
            return onReport(state, report);
        }
        if (event instanceof HandoverOverdue overdue) {
            return onHandoverOverdue(state, overdue);
        }
        if (event instanceof ProductionRequested || event instanceof ProductionCancelRequested
                || event instanceof ProductionShipmentUpdated) {
            // the ledger's own output to the facility, never an input
            return new Result(state, List.of());
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
            var production = new ArrayList<OrderEvent>();
            return new Result(decide(next, event.occurredAt(), changes, production), changes, production);
        }
        if (state.status() == FulfillmentStatus.FAILED && event.attempt() > state.attempt()) {
            // reprocess: a new attempt through validation; the old attempt's results stay in the history
            OrderState next = move(state.received(event), FulfillmentStatus.RECEIVED, event.occurredAt(),
                    "reprocessed as attempt " + event.attempt(), null, null, changes);
            var production = new ArrayList<OrderEvent>();
            return new Result(decide(next, event.occurredAt(), changes, production), changes, production);
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
        OrderState.Production production = state.production();
        if (production != null && state.status() != FulfillmentStatus.FAILED) {
            if (production.cancelPending()) {
                return new Result(state.noted(event.occurredAt(),
                        "cancel already forwarded to facility " + production.facilityId()
                                + "; waiting for the facility"),
                        List.of());
            }
            if (production.acceptedAt() == null) {
                // the facility has not confirmed receipt: canceled at once, the facility is told to drop it
                OrderState next = move(state, FulfillmentStatus.CANCELED, event.occurredAt(),
                        "canceled by the client", null, null, changes);
                return new Result(next, changes, List.of(new ProductionCancelRequested(state.orderId(),
                        production.facilityId(), false, event.occurredAt())));
            }
            // production started: the facility decides (cancel_accepted / cancel_refused)
            OrderState next = state.withProduction(production.withCancelPending(true)).noted(event.occurredAt(),
                    "cancel forwarded to facility " + production.facilityId() + "; waiting for the facility");
            return new Result(next, List.of(), List.of(new ProductionCancelRequested(state.orderId(),
                    production.facilityId(), true, event.occurredAt())));
        }
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
        String text = "shipment updated"
                + (event.shipmentMethodUid() == null ? "" : ": method " + event.shipmentMethodUid())
                + (event.shippingAddress() == null ? "" : ", address changed");
        OrderState.Production production = state.production();
        if (production != null && state.status() != FulfillmentStatus.FAILED) {
            // the facility already has the order: it must learn of the change
            return new Result(next.noted(event.occurredAt(), text + "; forwarded to facility "
                    + production.facilityId()), List.of(),
                    List.of(new ProductionShipmentUpdated(state.orderId(), production.facilityId(),
                            event.shipmentMethodUid(), event.shippingAddress(), event.occurredAt())));
        }
        return new Result(next.noted(event.occurredAt(), text), List.of());
    }

    private Result onResult(OrderState state, OrderState.ValidatorResult result) {
        if (state.result(result.attempt(), result.validator()).isPresent()) {
            // a validator reported the same attempt twice (a redelivery): the first report stands
            return new Result(state, List.of());
        }
        var changes = new ArrayList<OrderStatusChanged>();
        var production = new ArrayList<OrderEvent>();
        OrderState next = state.withResult(result);
        return new Result(decide(next, result.at(), changes, production), changes, production);
    }

    /** Moves a received order on when the results of its current attempt decide it. */
    private OrderState decide(OrderState state, Instant at, List<OrderStatusChanged> changes,
            List<OrderEvent> production) {
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
        OrderState created = move(passed.withShipmentChoice(shipment), FulfillmentStatus.CREATED, at, ready, null,
                null, changes);
        // reaching created hands the order to its facility
        ProductionRequested request = ProductionRequests.of(created, current, at);
        production.add(request);
        return created.withProduction(new OrderState.Production(request.facilityId(), at, null, false, false,
                request.items().stream()
                        .map(i -> new OrderState.ItemProgress(i.itemReferenceId(), i.quantity(), 0,
                                FulfillmentStatus.CREATED))
                        .toList(),
                List.of(), List.of()));
    }

    private Result onHandoverOverdue(OrderState state, HandoverOverdue event) {
        if (!state.awaitsHandover()) {
            return new Result(state, List.of()); // received meanwhile, or flagged before: the timer is idempotent
        }
        String cause = RefusalCodes.HANDOVER_OVERDUE + ": no receipt from facility " + state.production().facilityId()
                + " within " + Duration.ofSeconds(event.timeoutSeconds()) + " of " + event.createdAt();
        OrderState flagged = state.withProduction(state.production().withOverdue()).noted(event.occurredAt(), cause)
                .announced(event.occurredAt());
        // the same status again, with the next sequence: what notification-service reads on orders.status
        return new Result(flagged, List.of(changed(flagged, state.status(), cause, null, null, event.occurredAt())));
    }

    private Result onReport(OrderState state, ProductionReported report) {
        Instant at = report.occurredAt();
        String what = "report " + report.kind().wireName() + " (" + report.reportId() + ") from facility "
                + report.facilityId();
        OrderState.Production production = state.production();
        if (production == null) {
            return new Result(state.noted(at, what + " ignored: the order is "
                    + (state.status() == null ? "unknown" : state.status().wireName()) + ", not created"), List.of());
        }
        if (production.facilityId() != null && !production.facilityId().equals(report.facilityId())) {
            return new Result(state.noted(at, what + " ignored: the order is made by facility "
                    + production.facilityId()), List.of());
        }
        String key = report.facilityId() + "/" + report.reportId();
        if (production.reports().contains(key)) {
            return new Result(state.noted(at, what + " ignored: received before"), List.of());
        }
        return ProductionProgress.apply(state, production.accepted(at), key, report, what);
    }

    static OrderState move(OrderState state, FulfillmentStatus next, Instant at, String cause,
            String reasonCode, String reason, List<OrderStatusChanged> changes) {
        OrderState moved = state.movedTo(next, at, cause, reasonCode, reason);
        changes.add(changed(moved, state.status(), cause, reasonCode, reason, at));
        return moved;
    }

    /** The change announcing {@code state}, with its tracking and item statuses once the facility has the order. */
    private static OrderStatusChanged changed(OrderState state, FulfillmentStatus previous, String cause,
            String reasonCode, String reason, Instant at) {
        OrderState.Production production = state.production();
        List<OrderStatusChanged.Tracking> shipments = production == null
                ? null
                : production.shipments().stream().map(s -> new OrderStatusChanged.Tracking(s.carrier(),
                        s.trackingCode(), s.trackingUrl(), s.packages(), s.shippedAt())).toList();
        Map<String, FulfillmentStatus> items = null;
        if (production != null) {
            items = new LinkedHashMap<>();
            for (OrderState.ItemProgress item : production.items()) {
                items.put(item.itemReferenceId(), item.status());
            }
        }
        return new OrderStatusChanged(state.orderId(), state.clientId(), state.orderReferenceId(), state.sequence(),
                previous, state.status(), cause, state.attempt(), reasonCode, reason, state.order(), at, shipments,
                items);
    }
}
