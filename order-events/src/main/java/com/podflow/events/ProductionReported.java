package com.podflow.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A facility reports progress on an order (on {@code orders.production-reports}). {@code reportId} is the facility's
 * own id for the report, unique per facility: a report sent twice is applied once. {@code items} names the items (and
 * quantities) the report concerns; empty means the whole order. {@code fileSha256} (for {@code accepted}) lists the
 * SHA-256 of the files the facility fetched; {@code shipment} is set for {@code shipped}; {@code errorCode} and
 * {@code errorMessage} for {@code error}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductionReported(String orderId, String facilityId, String reportId, Kind kind,
        List<ItemQuantity> items,
        List<String> fileSha256, Shipment shipment, String errorCode, String errorMessage, Instant occurredAt)
        implements
            OrderEvent {

    public ProductionReported {
        // a report the ledger cannot attribute or apply is refused when read (the record goes to the dead-letter topic)
        if (facilityId == null || facilityId.isBlank()) {
            throw new IllegalArgumentException("facilityId is required");
        }
        if (reportId == null || reportId.isBlank()) {
            throw new IllegalArgumentException("reportId is required");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (kind == Kind.ERROR && (errorCode == null || !errorCode.matches("[a-z0-9_]{1,50}"))) {
            throw new IllegalArgumentException("errorCode is required for an error report: 1 to 50 of a-z, 0-9, _");
        }
        if (items != null && items.stream().anyMatch(i -> i == null || i.itemReferenceId() == null
                || (i.quantity() != null && i.quantity() < 1))) {
            throw new IllegalArgumentException("items[] need an itemReferenceId and a quantity of at least 1");
        }
        items = items == null ? List.of() : List.copyOf(items);
        fileSha256 = fileSha256 == null ? List.of() : List.copyOf(fileSha256);
    }

    /** What happened, in the facility's words; the production steps in their order, then the cancel answers. */
    public enum Kind {
        ACCEPTED, IN_PRODUCTION, PRINTED, PACKAGED, SHIPPED, IN_TRANSIT, DELIVERED, RETURNED, CANCEL_ACCEPTED, CANCEL_REFUSED, ERROR;

        @JsonValue
        public String wireName() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static Kind fromWireName(String value) {
            return Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown report kind '" + value + "' (one of "
                            + Arrays.stream(values()).map(Kind::wireName).toList() + ")"));
        }
    }

    /** An item of the order (by {@code itemReferenceId}); {@code quantity} null means all of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemQuantity(String itemReferenceId, Integer quantity) {}

    /** A parcel handed to the carrier. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parcel(String trackingCode, String trackingUrl) {}

    /** How a shipment left: the carrier, its tracking (of the first parcel) and every parcel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shipment(String carrier, String trackingCode, String trackingUrl, List<Parcel> packages) {
        public Shipment {
            packages = packages == null ? List.of() : List.copyOf(packages);
        }
    }

    /**
     * The CloudEvents id of a report the facility sent without one: derived from the facility and its report id, so a
     * report sent twice gets the same id and the ledger's event-id de-duplication catches it.
     */
    public static String eventId(String facilityId, String reportId) {
        return EventEnvelope.derivedId("facility/" + facilityId, reportId);
    }
}
