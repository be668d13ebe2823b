package com.podflow.facility;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code order.production-reported} CloudEvents as the contract (ADR 11) describes them, written by field name. Report
 * ids are derived from order, attempt and kind, so a report sent again (a restart re-reading the feed) carries the
 * same report id and event id, and the ledger applies it once.
 */
public final class Reports {
    public static final String TYPE = "order.production-reported";
    static final ObjectMapper JSON = new ObjectMapper();

    private Reports() {
    }

    /** {@code <orderId>/a<attempt>/<kind>}: unique per facility, the same every time this report is made. */
    public static String reportId(String orderId, int attempt, String kind) {
        return orderId + "/a" + attempt + "/" + kind;
    }

    /** The CloudEvents id the ledger would derive itself for a report without one (ADR 11). */
    public static String eventId(String facilityId, String reportId) {
        return UUID.nameUUIDFromBytes(("facility/" + facilityId + "/" + reportId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A production step; {@code accepted} carries the fetched files' SHA-256, {@code shipped} the parcel. */
    public static ObjectNode step(ProductionRequest request, Step step, List<String> fileSha256,
            MadeUpShipment shipment, Instant now) {
        ObjectNode event = envelope(request.facilityId(), request.orderId(), request.attempt(), step.kind(), now);
        ObjectNode data = (ObjectNode) event.get("data");
        if (step == Step.ACCEPTED) {
            ArrayNode hashes = data.putArray("fileSha256");
            fileSha256.forEach(hashes::add);
        }
        if (step == Step.SHIPPED) {
            // one parcel with every item of the order
            ArrayNode items = data.putArray("items");
            request.items().forEach(i -> items.addObject().put("itemReferenceId", i.itemReferenceId())
                    .put("quantity", i.quantity()));
            ObjectNode parcel = data.putObject("shipment")
                    .put("carrier", shipment.carrier())
                    .put("trackingCode", shipment.trackingCode())
                    .put("trackingUrl", shipment.trackingUrl());
            parcel.putArray("packages").addObject()
                    .put("trackingCode", shipment.trackingCode())
                    .put("trackingUrl", shipment.trackingUrl());
        }
        return event;
    }

    /** The order cannot be made: {@code code} in {@code [a-z0-9_]{1,50}}; the ledger fails the order with it. */
    public static ObjectNode error(ProductionRequest request, String code, String message, Instant now) {
        ObjectNode event = envelope(request.facilityId(), request.orderId(), request.attempt(), "error", now);
        ((ObjectNode) event.get("data")).put("errorCode", code).put("errorMessage", message);
        return event;
    }

    /** The answer to a forwarded cancel: {@code cancel_accepted} (production stopped) or {@code cancel_refused}. */
    public static ObjectNode cancelAnswer(ProductionRequest request, boolean accepted, Instant now) {
        return envelope(request.facilityId(), request.orderId(), request.attempt(),
                accepted ? "cancel_accepted" : "cancel_refused", now);
    }

    static ObjectNode envelope(String facilityId, String orderId, int attempt, String kind, Instant now) {
        String reportId = reportId(orderId, attempt, kind);
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", eventId(facilityId, reportId))
                .put("source", "/facility/" + facilityId)
                .put("type", TYPE)
                .put("subject", orderId)
                .put("time", now.toString())
                .put("datacontenttype", "application/json")
                .put("schemaversion", 1);
        event.putObject("data")
                .put("orderId", orderId)
                .put("facilityId", facilityId)
                .put("reportId", reportId)
                .put("kind", kind)
                .put("occurredAt", now.toString());
        return event;
    }
}
