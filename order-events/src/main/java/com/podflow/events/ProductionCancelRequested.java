package com.podflow.events;

import java.time.Instant;

/**
 * The client's cancel, forwarded by the ledger to the facility making the order (on {@code orders.production}).
 * {@code awaitingAnswer} is true when the facility already has the order in hand: the order is canceled only when the
 * facility reports {@code cancel_accepted}. When false, the ledger canceled the order at once (no receipt yet) and the
 * facility must simply drop it.
 */
public record ProductionCancelRequested(String orderId, String facilityId, boolean awaitingAnswer, Instant occurredAt)
        implements
            OrderEvent {}
