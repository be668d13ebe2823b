package com.podflow.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable wire name and current schema version of each event. The wire name never is a Java class name, so classes
 * can be renamed and moved freely; a breaking change of a record needs a new version and an upcaster.
 */
public enum EventType {
    ORDER_RECEIVED("order.received", 1, OrderReceived.class), DRAFT_SAVED("order.draft-saved", 1,
            DraftSaved.class), CANCEL_REQUESTED("order.cancel-requested", 1,
                    CancelRequested.class), SHIPMENT_UPDATE_REQUESTED("order.shipment-update-requested", 1,
                            ShipmentUpdateRequested.class), VALIDATION_PASSED("order.validation-passed", 1,
                                    ValidationPassed.class), VALIDATION_FAILED("order.validation-failed", 1,
                                            ValidationFailed.class), ORDER_STATUS_CHANGED("order.status-changed", 1,
                                                    OrderStatusChanged.class),
    /** Ledger to facility, on orders.production. */
    PRODUCTION_REQUESTED("order.production-requested", 1, ProductionRequested.class),
    /** Ledger to facility, on orders.production. */
    PRODUCTION_CANCEL_REQUESTED("order.production-cancel-requested", 1, ProductionCancelRequested.class),
    /** Ledger to facility, on orders.production. */
    PRODUCTION_SHIPMENT_UPDATED("order.production-shipment-updated", 1, ProductionShipmentUpdated.class),
    /** Facility to ledger, on orders.production-reports. */
    PRODUCTION_REPORTED("order.production-reported", 1, ProductionReported.class),
    /** The ledger's handover timer; only in the ledger's event log. */
    HANDOVER_OVERDUE("order.handover-overdue", 1, HandoverOverdue.class),
    /** The ledger's stall check; only in the ledger's event log (announced as a status change). */
    ORDER_STALLED("order.stalled", 1, OrderStalled.class);

    private final String wireName;
    private final int version;
    private final Class<? extends OrderEvent> javaType;

    EventType(String wireName, int version, Class<? extends OrderEvent> javaType) {
        this.wireName = wireName;
        this.version = version;
        this.javaType = javaType;
    }

    public String wireName() {
        return wireName;
    }

    public int version() {
        return version;
    }

    public Class<? extends OrderEvent> javaType() {
        return javaType;
    }

    /**
     * Whether records of this type travel on a topic (and so belong in the published AsyncAPI document); false for
     * the ledger's own timer events, which exist only in its event log.
     */
    public boolean travelsOnATopic() {
        return this != HANDOVER_OVERDUE && this != ORDER_STALLED;
    }

    public static EventType of(OrderEvent event) {
        return Arrays.stream(values())
                .filter(t -> t.javaType == event.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no wire type for " + event.getClass()));
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
