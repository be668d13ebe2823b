package com.podflow.ledger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.podflow.events.CancelRequested;
import com.podflow.events.DraftSaved;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.HandoverOverdue;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStalled;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionCancelRequested;
import com.podflow.events.ProductionReported;
import com.podflow.events.ProductionRequested;
import com.podflow.events.ProductionShipmentUpdated;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ShipmentUpdateRequested;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;

/**
 * The fold: {@code (OrderState, OrderEvent) -> (OrderState, [OrderStatusChanged])}. Pure (no I/O, no clock: times come
 * from the events), so the live projection, a replay and the timeline all compute the same states.
 *
 * <p>
 * An attempt is decided when every required validator has reported it (ADR 0028): it passes when all passed, else it
 * fails with the refusal code of the first refusing validator in the fixed precedence {@link #PRECEDENCE} (data &gt;
 * product &gt; rules &gt; files), whatever order the results arrived in; every finding is kept. The stall check's
 * validator timeout ({@link OrderStalled} with {@code failsAttempt}) decides an attempt that still misses results:
 * {@link RefusalCodes#VALIDATOR_TIMEOUT} naming the missing validators, unless a validator refused it. A result of an
 * attempt already decided is a note; results of an attempt other than the current one are recorded but never change
 * the status; results of validators not required are recorded but do not decide. {@code created} follows
 * {@code passed}.
 */
public final class OrderFold {
    /** The order in which refusing validators' codes win: the first refusing one in this list gives the code. */
    public static final List<String> PRECEDENCE = List.of(Validators.DATA, Validators.PRODUCT, Validators.RULES,
            Validators.FILES);

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
        if (event instanceof OrderStalled stalled) {
            return onStalled(state, stalled);
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
        if (state.hasBeenReceived() && result.attempt() == state.attempt()
                && state.status() != FulfillmentStatus.RECEIVED) {
            // the attempt was decided (or the order canceled) before this result came: it no longer counts
            String outcome = result.passed()
                    ? "passed"
                    : "refused (" + result.findings().stream().map(ValidationFailed.Finding::code).distinct()
                            .reduce((a, b) -> a + ", " + b).orElse("no finding") + ")";
            return new Result(state.noted(result.at(), "late result: validator '" + result.validator() + "' "
                    + outcome + " attempt " + result.attempt() + " after it was decided; not counted"), List.of());
        }
        if (state.result(result.attempt(), result.validator()).isPresent()) {
            // a validator reported the same attempt twice (a redelivery): the first report stands
            return new Result(state, List.of());
        }
        var changes = new ArrayList<OrderStatusChanged>();
        var production = new ArrayList<OrderEvent>();
        OrderState next = state.withResult(result);
        return new Result(decide(next, result.at(), changes, production), changes, production);
    }

    /** Moves a received order on when every required validator has reported its current attempt. */
    private OrderState decide(OrderState state, Instant at, List<OrderStatusChanged> changes,
            List<OrderEvent> production) {
        if (state.status() != FulfillmentStatus.RECEIVED || !missingValidators(state).isEmpty()) {
            return state;
        }
        return decideNow(state, at, List.of(), 0, changes, production);
    }

    /** The required validators without a result for the order's current attempt, in precedence order. */
    public List<String> missingValidators(OrderState state) {
        List<OrderState.ValidatorResult> current = state.resultsOf(state.attempt());
        return requiredValidators.stream()
                .filter(v -> current.stream().noneMatch(r -> r.validator().equals(v)))
                .sorted(OrderFold::byPrecedence)
                .toList();
    }

    public Set<String> requiredValidators() {
        return requiredValidators;
    }

    /** Orders validator names by {@link #PRECEDENCE}; validators not listed come after, by name. */
    public static int byPrecedence(String a, String b) {
        int ra = PRECEDENCE.indexOf(a) < 0 ? PRECEDENCE.size() : PRECEDENCE.indexOf(a);
        int rb = PRECEDENCE.indexOf(b) < 0 ? PRECEDENCE.size() : PRECEDENCE.indexOf(b);
        return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
    }

    /**
     * Decides the current attempt from the required validators' results: fails it when one refused it (the first in
     * precedence gives the code) or when {@code timedOut} is not empty, passes it otherwise.
     */
    private OrderState decideNow(OrderState state, Instant at, List<String> timedOut, long limitSeconds,
            List<OrderStatusChanged> changes, List<OrderEvent> production) {
        List<OrderState.ValidatorResult> current = state.resultsOf(state.attempt());
        List<OrderState.ValidatorResult> refusals = current.stream()
                .filter(r -> !r.passed() && requiredValidators.contains(r.validator()))
                .sorted((a, b) -> byPrecedence(a.validator(), b.validator()))
                .toList();
        String late = timedOut.isEmpty()
                ? ""
                : "; no result from " + names(timedOut) + " within " + Duration.ofSeconds(limitSeconds);
        if (!refusals.isEmpty()) {
            OrderState.ValidatorResult first = refusals.get(0);
            ValidationFailed.Finding finding = first.findings().isEmpty()
                    ? new ValidationFailed.Finding(RefusalCodes.INTERNAL_ERROR, null,
                            "validator '" + first.validator() + "' refused the order without a finding")
                    : first.findings().get(0);
            String others = refusals.size() == 1
                    ? ""
                    : "; also refused by " + names(refusals.stream().skip(1)
                            .map(OrderState.ValidatorResult::validator).toList());
            return move(state, FulfillmentStatus.FAILED, at, "validator '" + first.validator()
                    + "' refused attempt " + state.attempt() + others + late, finding.code(), finding.message(),
                    changes);
        }
        if (!timedOut.isEmpty()) {
            String reason = names(timedOut) + " did not report attempt " + state.attempt() + " within "
                    + Duration.ofSeconds(limitSeconds);
            return move(state, FulfillmentStatus.FAILED, at, RefusalCodes.VALIDATOR_TIMEOUT + ": " + reason,
                    RefusalCodes.VALIDATOR_TIMEOUT, reason, changes);
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

    /**
     * The stall check's event: announces the order as stalled once per status and attempt (a note and the same status
     * again), or with {@code failsAttempt} fails a received attempt that still misses validators' results. A check
     * that no longer matches the order changes nothing.
     */
    private Result onStalled(OrderState state, OrderStalled event) {
        if (state.status() != event.status() || state.attempt() != event.attempt()) {
            return new Result(state, List.of()); // moved on meanwhile
        }
        if (event.failsAttempt()) {
            List<String> missing = missingValidators(state);
            if (state.status() != FulfillmentStatus.RECEIVED || missing.isEmpty()) {
                return new Result(state, List.of());
            }
            var changes = new ArrayList<OrderStatusChanged>();
            OrderState failed = decideNow(state, event.occurredAt(), missing, event.limitSeconds(), changes,
                    new ArrayList<>());
            return new Result(failed, changes);
        }
        String key = stallKey(event);
        if (state.notes().stream().anyMatch(n -> n.text().startsWith(key))) {
            return new Result(state, List.of()); // announced before
        }
        String waiting = WaitingFor.of(state, this, event.occurredAt()).stream().map(WaitingFor.Input::detail)
                .reduce((a, b) -> a + "; " + b).orElse("nothing known");
        String cause = key + ", longer than " + Duration.ofSeconds(event.limitSeconds()) + "; waiting for " + waiting;
        OrderState flagged = state.noted(event.occurredAt(), cause).announced(event.occurredAt());
        return new Result(flagged,
                List.of(changed(flagged, state.status(), cause, null, null, event.occurredAt())));
    }

    /** The start of a stall's cause and note: the same for every check of one status and attempt. */
    static String stallKey(OrderStalled event) {
        return RefusalCodes.ORDER_STALLED + ": " + event.status().wireName() + " at attempt " + event.attempt()
                + " since " + event.since();
    }

    private static String names(List<String> validators) {
        return validators.stream().map(v -> "validator '" + v + "'").reduce((a, b) -> a + ", " + b).orElse("");
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
