package com.podflow.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.podflow.events.order.Order;

/**
 * The ledger moved an order to a new status. {@code sequence} increases by one per change of one order, so a receiver
 * can drop a stale update that arrives late; {@code order} is the snapshot notifications and facilities need.
 * {@code shipments} (the tracking the facility reported, oldest first) and {@code itemStatuses} (item reference id →
 * the item's own status) are set once the order is with its facility; absent before (optional, so version 1 stays).
 */
public record OrderStatusChanged(String orderId, String clientId, String orderReferenceId, long sequence,
        FulfillmentStatus previousStatus, FulfillmentStatus status, String cause, int attempt, String refusalReasonCode,
        String refusalReason, Order order, Instant occurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Tracking> shipments,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, FulfillmentStatus> itemStatuses)
        implements
            OrderEvent {

    public OrderStatusChanged {
        shipments = shipments == null || shipments.isEmpty() ? null : List.copyOf(shipments);
        itemStatuses = itemStatuses == null || itemStatuses.isEmpty()
                ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(itemStatuses));
    }

    /** A change without tracking or item statuses (before production). */
    public OrderStatusChanged(String orderId, String clientId, String orderReferenceId, long sequence,
            FulfillmentStatus previousStatus, FulfillmentStatus status, String cause, int attempt,
            String refusalReasonCode, String refusalReason, Order order, Instant occurredAt) {
        this(orderId, clientId, orderReferenceId, sequence, previousStatus, status, cause, attempt, refusalReasonCode,
                refusalReason, order, occurredAt, null, null);
    }

    /** One shipment a facility reported: carrier, tracking code and URL, its parcels (may be empty), when it left. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tracking(String carrier, String trackingCode, String trackingUrl,
            List<ProductionReported.Parcel> packages, Instant shippedAt) {
        public Tracking {
            packages = packages == null ? List.of() : List.copyOf(packages);
        }
    }

    /** The most recent shipment, or null before any shipped. */
    @JsonIgnore
    public Tracking latestShipment() {
        return shipments == null ? null : shipments.get(shipments.size() - 1);
    }
}
