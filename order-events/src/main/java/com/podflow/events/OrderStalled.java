package com.podflow.events;

import java.time.Instant;

/**
 * The ledger's stall check: an order has been in {@code status} (at {@code attempt}) since {@code since}, longer than
 * {@code limitSeconds}. Recorded in the order's event log (never sent on a topic, like {@link HandoverOverdue}); the
 * fold announces it once on {@code orders.status} as the same status again with a cause starting
 * {@link RefusalCodes#ORDER_STALLED}. With {@code failsAttempt} (the validator timeout) the fold instead fails a
 * received attempt that still misses required validators' results, with {@link RefusalCodes#VALIDATOR_TIMEOUT}. A
 * check that no longer matches the order (it moved on meanwhile) changes nothing.
 */
public record OrderStalled(String orderId, FulfillmentStatus status, int attempt, Instant since, long limitSeconds,
        boolean failsAttempt, Instant occurredAt)
        implements
            OrderEvent {}
