package com.podflow.intake.domain;

/** A client asked for {@code preventDuplicate} and already has an order with the same {@code orderReferenceId}. */
public class DuplicateOrderException extends RuntimeException {
    private final String existingOrderId;

    public DuplicateOrderException(String orderReferenceId, String existingOrderId) {
        super("An order with orderReferenceId '" + orderReferenceId + "' already exists (id " + existingOrderId
                + "); preventDuplicate is set, so no new order was created");
        this.existingOrderId = existingOrderId;
    }

    public String existingOrderId() {
        return existingOrderId;
    }
}
