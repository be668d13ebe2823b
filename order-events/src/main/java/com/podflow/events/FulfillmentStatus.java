package com.podflow.events;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The order statuses of the Order API ({@code fulfillmentStatus}), in their wire spelling. */
public enum FulfillmentStatus {
    DRAFT, RECEIVED, PASSED, FAILED, CREATED, IN_PRODUCTION, PRINTED, PACKAGED, SHIPPED, IN_TRANSIT, DELIVERED, RETURNED, CANCELED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Shipped or later: the parcel has left; cancel and shipment updates no longer apply. */
    public boolean hasShipped() {
        return this == SHIPPED || this == IN_TRANSIT || this == DELIVERED || this == RETURNED;
    }

    @JsonCreator
    public static FulfillmentStatus fromWireName(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fulfillmentStatus '" + value + "'"));
    }
}
