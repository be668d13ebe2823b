package com.podflow.events;

import java.time.Instant;

import com.podflow.events.order.Order;

/**
 * The ledger moved an order to a new status. {@code sequence} increases by one per change of one order, so a receiver
 * can drop a stale update that arrives late; {@code order} is the snapshot notifications and facilities need.
 */
public record OrderStatusChanged(String orderId, String clientId, String orderReferenceId, long sequence,
        FulfillmentStatus previousStatus, FulfillmentStatus status, String cause, int attempt, String refusalReasonCode,
        String refusalReason, Order order, Instant occurredAt) implements OrderEvent {}
