package com.podflow.events;

import java.time.Instant;

import com.podflow.events.order.Order;

/** An order was accepted by an intake channel and is durable; validation starts for {@code attempt}. */
public record OrderReceived(String orderId, String clientId, int attempt, String channel, Order order,
        Instant occurredAt) implements OrderEvent {}
