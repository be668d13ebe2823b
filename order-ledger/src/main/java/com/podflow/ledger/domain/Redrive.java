package com.podflow.ledger.domain;

import java.util.Optional;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.ProductionRequested;

/**
 * Re-drive of the production request (issue 11 item 5, ADR 0029): the same request the fold sent when the order was
 * created, rebuilt from the state, for a created order whose facility never confirmed receipt.
 */
public final class Redrive {
    private Redrive() {
    }

    /** Created, and the facility has not confirmed receipt (overdue or not). */
    public static boolean awaitsFacilityReceipt(OrderState state) {
        return state.status() == FulfillmentStatus.CREATED && state.production() != null
                && state.production().acceptedAt() == null;
    }

    /** The production request of the order's current attempt, as first sent; empty when none is awaited. */
    public static Optional<ProductionRequested> productionRequest(OrderState state) {
        if (!awaitsFacilityReceipt(state)) {
            return Optional.empty();
        }
        return Optional.of(ProductionRequests.of(state, state.resultsOf(state.attempt()),
                state.production().requestedAt()));
    }
}
