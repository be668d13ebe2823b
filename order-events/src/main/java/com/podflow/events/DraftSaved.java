package com.podflow.events;

import java.time.Instant;

import com.podflow.events.order.Order;

/**
 * A draft was saved (created, or changed while still a draft): stored and visible, but not validated. Placing it is
 * an {@link OrderReceived} for the same order id.
 */
public record DraftSaved(String orderId, String clientId, String channel, Order order, Instant occurredAt)
        implements
            OrderEvent {}
