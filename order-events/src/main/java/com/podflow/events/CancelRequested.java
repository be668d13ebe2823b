package com.podflow.events;

import java.time.Instant;

/**
 * The client asked to cancel the order. The ledger decides: an order that is already shipped (or later) stays as it
 * is, and the refusal is recorded in its history.
 */
public record CancelRequested(String orderId, String clientId, Instant occurredAt) implements OrderEvent {}
