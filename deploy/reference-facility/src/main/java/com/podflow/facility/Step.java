package com.podflow.facility;

import java.time.Duration;
import java.util.Optional;

/**
 * The step plan: the reports the facility sends for an order, in their order. {@code accepted} goes out as soon as
 * the files are fetched and checked; each later step one step delay after the one before.
 */
public enum Step {
    ACCEPTED, IN_PRODUCTION, PRINTED, PACKAGED, SHIPPED, IN_TRANSIT, DELIVERED;

    /** The report kind on the wire ({@code data.kind}). */
    public String kind() {
        return name().toLowerCase();
    }

    public Optional<Step> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /** How long after the previous step this one is sent. */
    public Duration delay(Duration stepDelay) {
        return this == ACCEPTED ? Duration.ZERO : stepDelay;
    }

    /** Once shipped, a cancel is refused: the parcel is with the carrier. */
    public boolean isShippedOrLater() {
        return compareTo(SHIPPED) >= 0;
    }
}
