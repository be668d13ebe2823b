package com.podflow.ledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.podflow.events.DraftSaved;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderReceived;
import com.podflow.events.ProductionReported;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;

/**
 * The ledger's view of one order, built only by {@link OrderFold}. Immutable: every transition returns a new state.
 * {@code status} is null until the order itself has been received or saved as a draft (validation results can arrive
 * first: they travel on another topic). {@code notes} records what happened without changing the status: refused
 * requests, stale or repeated commands.
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
        ValidationPassed.ShipmentChoice shipment,
        List<ValidatorResult> results,
        List<StatusEntry> statusHistory,
        List<Note> notes,
        Production production) {

    public OrderState {
        results = List.copyOf(results);
        statusHistory = List.copyOf(statusHistory);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Nothing known yet about the order. */
    public static OrderState empty(String orderId) {
        return new OrderState(orderId, null, null, null, null, 0, null, null, null, 0, null, null, null, List.of(),
                List.of(), List.of(), null);
    }

    /**
     * The result one validator reported for one attempt; {@code findings} is empty when it passed, {@code resolution}
     * holds what it settled (may be null).
     */
    public record ValidatorResult(int attempt, String validator, boolean passed,
            List<ValidationFailed.Finding> findings, ValidationPassed.Resolution resolution, Instant at) {
        public ValidatorResult {
            findings = List.copyOf(findings);
        }
    }

    /** One status change with its time and cause, as the order's history shows it. */
    public record StatusEntry(FulfillmentStatus status, Instant at, String cause) {}

    /** Something that happened to the order without changing its status. */
    public record Note(Instant at, String text) {}

    /**
     * The order's life at its facility, from the production request on; null before. {@code acceptedAt} is the first
     * report of the chosen facility (its receipt); {@code reports} the ids of the reports applied (per facility,
     * {@code facility/report}), so a report sent twice under another event id is still applied once.
     */
    public record Production(String facilityId, Instant requestedAt, Instant acceptedAt, boolean overdue,
            boolean cancelPending, List<ItemProgress> items, List<ShipmentRecord> shipments, List<String> reports) {
        public Production {
            items = items == null ? List.of() : List.copyOf(items);
            shipments = shipments == null ? List.of() : List.copyOf(shipments);
            reports = reports == null ? List.of() : List.copyOf(reports);
        }

        Production accepted(Instant at) {
            return new Production(facilityId, requestedAt, acceptedAt == null ? at : acceptedAt, overdue,
                    cancelPending, items, shipments, reports);
        }

        Production withOverdue() {
            return new Production(facilityId, requestedAt, acceptedAt, true, cancelPending, items, shipments,
                    reports);
        }

        Production withCancelPending(boolean pending) {
            return new Production(facilityId, requestedAt, acceptedAt, overdue, pending, items, shipments, reports);
        }

        Production withReport(String key, List<ItemProgress> progress, List<ShipmentRecord> more) {
            List<String> seen = new ArrayList<>(reports);
            seen.add(key);
            return new Production(facilityId, requestedAt, acceptedAt, overdue, cancelPending, progress, more, seen);
        }

        public Optional<ItemProgress> item(String itemReferenceId) {
            return items.stream().filter(i -> i.itemReferenceId().equals(itemReferenceId)).findFirst();
        }
    }

    /** One item's progress: its own status and how many of its {@code quantity} copies have shipped. */
    public record ItemProgress(String itemReferenceId, int quantity, int shippedQuantity, FulfillmentStatus status) {}

    /** A shipment a facility reported: the carrier, tracking, parcels and which items (and how many) it holds. */
    public record ShipmentRecord(String reportId, String carrier, String trackingCode, String trackingUrl,
            List<ProductionReported.Parcel> packages, List<ProductionReported.ItemQuantity> items, Instant shippedAt) {
        public ShipmentRecord {
            packages = packages == null ? List.of() : List.copyOf(packages);
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** A created order that waits for its facility's receipt and has not been flagged overdue yet. */
    public boolean awaitsHandover() {
        return status == FulfillmentStatus.CREATED && production != null && production.acceptedAt() == null
                && !production.overdue();
    }

    OrderState withProduction(Production next) {
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, order, receivedAt,
                updatedAt, sequence, refusalReasonCode, refusalReason, shipment, results, statusHistory, notes, next);
    }

    /** The same status announced again with a new sequence (e.g. handover overdue): no history entry. */
    OrderState announced(Instant at) {
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, order, receivedAt,
                later(at), sequence + 1, refusalReasonCode, refusalReason, shipment, results, statusHistory, notes,
                production);
    }

    public boolean hasBeenReceived() {
        return status != null && status != FulfillmentStatus.DRAFT;
    }

    /** The first result a validator reported for an attempt; later duplicates do not count. */
    public Optional<ValidatorResult> result(int forAttempt, String validator) {
        return results.stream().filter(r -> r.attempt() == forAttempt && r.validator().equals(validator)).findFirst();
    }

    public List<ValidatorResult> resultsOf(int forAttempt) {
        return results.stream().filter(r -> r.attempt() == forAttempt).toList();
    }

    OrderState received(OrderReceived event) {
        return new OrderState(orderId, event.clientId(), reference(event.order()), event.channel(), status,
                event.attempt(), event.order(), receivedAt == null ? event.occurredAt() : receivedAt,
                later(event.occurredAt()), sequence, refusalReasonCode, refusalReason, null, results, statusHistory,
                notes, null); // a new attempt is a new production request
    }

    OrderState drafted(DraftSaved event) {
        return new OrderState(orderId, event.clientId(), reference(event.order()), event.channel(), status, attempt,
                event.order(), receivedAt == null ? event.occurredAt() : receivedAt, later(event.occurredAt()),
                sequence, refusalReasonCode, refusalReason, shipment, results, statusHistory, notes, production);
    }

    OrderState withShipment(String shipmentMethodUid, ShippingAddress address, Instant at) {
        Order updated = order.withShipment(shipmentMethodUid, address);
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, updated, receivedAt,
                later(at), sequence, refusalReasonCode, refusalReason, shipment, results, statusHistory, notes,
                production);
    }

    OrderState withResult(ValidatorResult result) {
        List<ValidatorResult> more = new ArrayList<>(results);
        more.add(result);
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, order, receivedAt,
                later(result.at()), sequence, refusalReasonCode, refusalReason, shipment, more, statusHistory, notes,
                production);
    }

    OrderState withShipmentChoice(ValidationPassed.ShipmentChoice choice) {
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, order, receivedAt,
                updatedAt, sequence, refusalReasonCode, refusalReason, choice, results, statusHistory, notes,
                production);
    }

    OrderState noted(Instant at, String text) {
        List<Note> more = new ArrayList<>(notes);
        more.add(new Note(at, text));
        return new OrderState(orderId, clientId, orderReferenceId, channel, status, attempt, order, receivedAt,
                updatedAt, sequence, refusalReasonCode, refusalReason, shipment, results, statusHistory, more,
                production);
    }

    OrderState movedTo(FulfillmentStatus next, Instant at, String cause, String reasonCode, String reason) {
        List<StatusEntry> history = new ArrayList<>(statusHistory);
        history.add(new StatusEntry(next, at, cause));
        return new OrderState(orderId, clientId, orderReferenceId, channel, next, attempt, order, receivedAt,
                later(at), sequence + 1, reasonCode, reason, shipment, results, history, notes, production);
    }

    private static String reference(Order order) {
        return order == null ? null : order.orderReferenceId();
    }

    private Instant later(Instant at) {
        return updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
    }
}
