package com.podflow.events;

import java.time.Instant;

import com.podflow.events.order.ShippingAddress;

/**
 * The client asked to change how the order ships: the method list and/or the address (a null part stays as it was).
 * The ledger applies it only before the order is shipped.
 */
public record ShipmentUpdateRequested(String orderId, String clientId, String shipmentMethodUid,
        ShippingAddress shippingAddress, Instant occurredAt) implements OrderEvent {}
