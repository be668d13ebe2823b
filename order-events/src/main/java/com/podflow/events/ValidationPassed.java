package com.podflow.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One validator found nothing wrong with one attempt of an order. {@code resolution} holds what the validator settled
 * on the way (the chosen shipment method and facility, the inspected files), for the ledger to record on the order;
 * it is optional (absent on the wire when null), so version 1 records without it stay valid.
 */
public record ValidationPassed(String orderId, int attempt, String validator, Instant occurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Resolution resolution) implements OrderEvent {

    /** A result that settled nothing beyond "passed". */
    public ValidationPassed(String orderId, int attempt, String validator, Instant occurredAt) {
        this(orderId, attempt, validator, occurredAt, null);
    }

    /** What a validator decided or measured; every part may be null. */
    public record Resolution(ShipmentChoice shipment, List<CheckedFile> files) {
        public Resolution {
            files = files == null ? null : List.copyOf(files);
        }
    }

    /**
     * The shipment method the business rules chose (the cheapest of the order's {@code shipmentMethodUid} list that
     * can deliver) and the production facility that makes the order. Field names as in the Order API's
     * {@code shipment}.
     */
    public record ShipmentChoice(String shipmentMethodUid, String shipmentMethodName, String carrier,
            String serviceType, BigDecimal price, String currency, Integer minDeliveryDays, Integer maxDeliveryDays,
            String fulfillmentFacilityId, String fulfillmentCountry) {}

    /**
     * A print file or packing slip as file-fetcher fetched and inspected it. {@code itemReferenceId} is null for the
     * packing slip; {@code url} is the client's URL as given; {@code storageKey} names the stored copy
     * (content-addressed: the SHA-256). Optional, absent on the wire when null (version-1 records without them stay
     * valid): {@code downloadUrl}, where a facility fetches the checked copy (signed, valid until
     * {@code downloadExpiresAt}); {@code colorSpace}, {@code rgb}, {@code cmyk}, {@code gray} or {@code mixed} (RGB
     * and CMYK in one PDF), null when the file sets no colour; {@code notes}, what was noticed without refusing the
     * file (e.g. RGB colours that print converts).
     */
    public record CheckedFile(String itemReferenceId, String type, String url, String sha256, String mimeType,
            long sizeBytes, Integer dpi, Integer widthPx, Integer heightPx, Integer pageCount, String storageKey,
            @JsonInclude(JsonInclude.Include.NON_NULL) String downloadUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant downloadExpiresAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String colorSpace,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> notes) {

        public CheckedFile {
            notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes); // none: absent on the wire
        }

        /** A checked file without a download link, colour space or notes (as version 1 first had it). */
        public CheckedFile(String itemReferenceId, String type, String url, String sha256, String mimeType,
                long sizeBytes, Integer dpi, Integer widthPx, Integer heightPx, Integer pageCount, String storageKey) {
            this(itemReferenceId, type, url, sha256, mimeType, sizeBytes, dpi, widthPx, heightPx, pageCount,
                    storageKey, null, null, null, null);
        }

        /** This file with the link a facility fetches its checked copy from, valid until {@code expiresAt}. */
        public CheckedFile withDownload(String downloadUrl, Instant expiresAt) {
            return new CheckedFile(itemReferenceId, type, url, sha256, mimeType, sizeBytes, dpi, widthPx, heightPx,
                    pageCount, storageKey, downloadUrl, expiresAt, colorSpace, notes);
        }
    }
}
