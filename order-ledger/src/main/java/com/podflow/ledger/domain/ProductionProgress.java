package com.podflow.ledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionReported;
import com.podflow.events.RefusalCodes;

/**
 * A facility's report applied to an order (part of {@link OrderFold}). Items and the order only move forward along
 * created → in_production → printed → packaged → shipped → in_transit → delivered (returned after shipped); a step may
 * be skipped, never undone. The order's status is that of its least advanced item, so a partial shipment keeps the
 * order where its unshipped items are while the shipment is recorded. Anything that cannot apply is a note.
 */
final class ProductionProgress {
    private static final List<FulfillmentStatus> STEPS = List.of(FulfillmentStatus.CREATED,
            FulfillmentStatus.IN_PRODUCTION, FulfillmentStatus.PRINTED, FulfillmentStatus.PACKAGED,
            FulfillmentStatus.SHIPPED, FulfillmentStatus.IN_TRANSIT, FulfillmentStatus.DELIVERED,
            FulfillmentStatus.RETURNED);

    private ProductionProgress() {
    }

    /** The rank of a production status, -1 for any other status. */
    static int rank(FulfillmentStatus status) {
        return STEPS.indexOf(status);
    }

    static OrderFold.Result apply(OrderState state, OrderState.Production production, String key,
            ProductionReported report, String what) {
        Instant at = report.occurredAt();
        var changes = new ArrayList<OrderStatusChanged>();
        OrderState.Production recorded = production.withReport(key, production.items(), production.shipments());
        OrderState base = state.withProduction(recorded);
        switch (report.kind()) {
            case ACCEPTED -> {
                return new OrderFold.Result(base.noted(at, "facility " + report.facilityId() + " accepted the order"
                        + unconfirmed(state, report)), List.of());
            }
            case CANCEL_ACCEPTED -> {
                if (state.status() == FulfillmentStatus.CANCELED || state.status().hasShipped()) {
                    return new OrderFold.Result(base.noted(at, what + " ignored: the order is "
                            + state.status().wireName()), List.of());
                }
                OrderState next = OrderFold.move(base.withProduction(recorded.withCancelPending(false)),
                        FulfillmentStatus.CANCELED, at, "canceled: facility " + report.facilityId()
                                + " accepted the cancel",
                        null, null, changes);
                return new OrderFold.Result(next, changes);
            }
            case CANCEL_REFUSED -> {
                return new OrderFold.Result(base.withProduction(recorded.withCancelPending(false)).noted(at,
                        "cancel refused by facility " + report.facilityId()
                                + (report.errorMessage() == null ? "" : ": " + report.errorMessage())),
                        List.of());
            }
            case ERROR -> {
                if (isSettled(state) || state.status().hasShipped()) {
                    return new OrderFold.Result(base.noted(at, what + " ignored: the order is "
                            + state.status().wireName()), List.of());
                }
                OrderState next = OrderFold.move(base, FulfillmentStatus.FAILED, at,
                        "facility " + report.facilityId() + " reported a production error",
                        RefusalCodes.PRODUCTION_PREFIX + report.errorCode(),
                        report.errorMessage() == null ? report.errorCode() : report.errorMessage(), changes);
                return new OrderFold.Result(next, changes);
            }
            default -> {
                return step(state, recorded, report, what, changes);
            }
        }
    }

    private static OrderFold.Result step(OrderState state, OrderState.Production production,
            ProductionReported report, String what, List<OrderStatusChanged> changes) {
        Instant at = report.occurredAt();
        OrderState base = state.withProduction(production);
        if (isSettled(state)) {
            return new OrderFold.Result(base.noted(at, what + " ignored: the order is " + state.status().wireName()),
                    List.of());
        }
        FulfillmentStatus target = FulfillmentStatus.valueOf(report.kind().name());
        Map<String, OrderState.ItemProgress> items = new LinkedHashMap<>();
        production.items().forEach(i -> items.put(i.itemReferenceId(), i));
        List<ProductionReported.ItemQuantity> listed = report.items().isEmpty()
                ? items.keySet().stream().map(id -> new ProductionReported.ItemQuantity(id, null)).toList()
                : report.items();
        List<String> notes = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (ProductionReported.ItemQuantity line : listed) {
            OrderState.ItemProgress item = items.get(line.itemReferenceId());
            if (item == null) {
                notes.add(what + ": unknown item '" + line.itemReferenceId() + "' ignored");
                continue;
            }
            OrderState.ItemProgress next = advance(item, target, line.quantity());
            if (next.equals(item)) {
                notes.add(what + " ignored for item " + item.itemReferenceId() + ": it is already "
                        + item.status().wireName()
                        + (target == FulfillmentStatus.RETURNED ? " (returned only after shipped)" : ""));
            } else {
                items.put(item.itemReferenceId(), next);
                if (next.status() != item.status()) {
                    moved.add(item.itemReferenceId() + " " + next.status().wireName());
                } else {
                    moved.add(item.itemReferenceId() + " " + next.shippedQuantity() + " of " + next.quantity()
                            + " shipped");
                }
            }
        }
        List<OrderState.ShipmentRecord> shipments = new ArrayList<>(production.shipments());
        if (target == FulfillmentStatus.SHIPPED) {
            ProductionReported.Shipment s = report.shipment();
            shipments.add(new OrderState.ShipmentRecord(report.reportId(), s == null ? null : s.carrier(),
                    s == null ? null : s.trackingCode(), s == null ? null : s.trackingUrl(),
                    s == null ? List.of() : s.packages(), listed, at));
        }
        OrderState.Production progressed = new OrderState.Production(production.facilityId(),
                production.requestedAt(), production.acceptedAt(), production.overdue(), production.cancelPending(),
                List.copyOf(items.values()), shipments, production.reports());
        OrderState next = state.withProduction(progressed);
        for (String note : notes) {
            next = next.noted(at, note);
        }
        FulfillmentStatus orderStatus = items.isEmpty()
                ? target
                : items.values().stream().map(OrderState.ItemProgress::status)
                        .min(Comparator.comparingInt(ProductionProgress::rank)).orElseThrow();
        if (rank(orderStatus) > rank(state.status())) {
            if (production.cancelPending() && orderStatus.hasShipped()) {
                next = next.withProduction(progressed.withCancelPending(false)).noted(at,
                        "the pending cancel is void: the order has " + orderStatus.wireName());
            }
            next = OrderFold.move(next, orderStatus, at, "facility " + report.facilityId() + " reported "
                    + report.kind().wireName() + (moved.isEmpty() ? "" : " (" + String.join(", ", moved) + ")"),
                    null, null, changes);
        } else if (!moved.isEmpty()) {
            next = next.noted(at, "items: " + String.join(", ", moved) + " (the order stays "
                    + state.status().wireName() + " with its least advanced item)");
        }
        return new OrderFold.Result(next, changes);
    }

    /** One item moved towards {@code target}; unchanged when that would be a step back (or a return before shipping). */
    private static OrderState.ItemProgress advance(OrderState.ItemProgress item, FulfillmentStatus target,
            Integer quantity) {
        int current = rank(item.status());
        if (target == FulfillmentStatus.RETURNED && current < rank(FulfillmentStatus.SHIPPED)) {
            return item;
        }
        if (target == FulfillmentStatus.SHIPPED && current < rank(FulfillmentStatus.SHIPPED)) {
            int shipped = Math.min(item.quantity(),
                    item.shippedQuantity() + (quantity == null ? item.quantity() - item.shippedQuantity() : quantity));
            return new OrderState.ItemProgress(item.itemReferenceId(), item.quantity(), shipped,
                    shipped >= item.quantity() ? FulfillmentStatus.SHIPPED : item.status());
        }
        if (rank(target) <= current) {
            return item;
        }
        // skipping ahead past shipped counts every copy as shipped
        int shipped = rank(target) >= rank(FulfillmentStatus.SHIPPED) ? item.quantity() : item.shippedQuantity();
        return new OrderState.ItemProgress(item.itemReferenceId(), item.quantity(), shipped, target);
    }

    private static boolean isSettled(OrderState state) {
        return state.status() == FulfillmentStatus.CANCELED || state.status() == FulfillmentStatus.FAILED;
    }

    /** For a receipt: the checked files whose SHA-256 the facility did not confirm, as a note suffix. */
    private static String unconfirmed(OrderState state, ProductionReported report) {
        if (report.fileSha256().isEmpty()) {
            return "";
        }
        Set<String> expected = state.resultsOf(state.attempt()).stream()
                .filter(r -> r.resolution() != null && r.resolution().files() != null)
                .flatMap(r -> r.resolution().files().stream()).map(f -> f.sha256())
                .filter(h -> h != null).collect(Collectors.toSet());
        expected.removeAll(Set.copyOf(report.fileSha256()));
        return expected.isEmpty()
                ? " (every file confirmed)"
                : " (files not confirmed: " + String.join(", ", expected.stream().sorted().toList()) + ")";
    }
}
