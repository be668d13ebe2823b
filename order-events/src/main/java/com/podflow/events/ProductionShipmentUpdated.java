package com.podflow.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.podflow.events.order.ShippingAddress;

/**
 * The client changed how a created order ships; the ledger forwards it to the facility (on {@code orders.production}).
 * A null part is unchanged. {@code shipmentMethodUid} is the client's method list as given (the ledger does not
 * re-run the business rules): the facility decides whether it can still ship that way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductionShipmentUpdated(String orderId, String facilityId, String shipmentMethodUid,
        ShippingAddress shippingAddress, Instant occurredAt) implements OrderEvent {}
