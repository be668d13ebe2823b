package com.podflow.events;

import java.time.Instant;

/**
 * The ledger's own timer: a created order has had no receipt from its facility since {@code createdAt}. Recorded in
 * the order's event log (never sent on a topic); the fold turns it into a note and a status event.
 */
public record HandoverOverdue(String orderId, Instant createdAt, long timeoutSeconds, Instant occurredAt)
        implements
            OrderEvent {}
