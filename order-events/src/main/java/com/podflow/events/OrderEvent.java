package com.podflow.events;

import java.time.Instant;

/** Everything that happens to an order; each record is one fact, named in the past tense. */
public sealed interface OrderEvent permits OrderReceived, DraftSaved, CancelRequested, ShipmentUpdateRequested,
        ValidationPassed, ValidationFailed, OrderStatusChanged, ProductionRequested, ProductionCancelRequested,
        ProductionShipmentUpdated, ProductionReported, HandoverOverdue, OrderStalled {
    String orderId();

    Instant occurredAt();
}
