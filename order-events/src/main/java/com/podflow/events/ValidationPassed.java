package com.podflow.events;

import java.time.Instant;

/** One validator found nothing wrong with one attempt of an order. */
public record ValidationPassed(String orderId, int attempt, String validator, Instant occurredAt)
        implements
            OrderEvent {}
