package com.podflow.notification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionReported;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.OrderItem;

/**
 * The JSON body of a postback or webhook call (version 1): one status change of one order. Every field is always
 * present (null when it does not apply), so receivers can rely on a fixed shape.
 */
@JsonPropertyOrder({"version", "eventId", "eventType", "occurredAt", "orderId", "orderReferenceId", "clientId",
        "fulfillmentStatus", "previousStatus", "sequence", "cause", "refusalReasonCode", "refusalReason", "items",
        "tracking", "metadata"})
public record PostbackPayload(int version, String eventId, String eventType, Instant occurredAt, String orderId,
        String orderReferenceId, String clientId, String fulfillmentStatus, String previousStatus, long sequence,
        String cause, String refusalReasonCode, String refusalReason, List<Item> items, Tracking tracking,
        List<MetadataEntry> metadata) {

    public static final int VERSION = 1;
    public static final String EVENT_TYPE = "order_status_updated";
    /** The postback of the ledger's handover-overdue flag: the status stays, {@code cause} says why it is sent. */
    public static final String HANDOVER_OVERDUE_TYPE = "order_handover_overdue";
    /** The postback of the ledger's stall announcement (ADR 0030): the status stays, {@code cause} says why. */
    public static final String STALLED_TYPE = "order_stalled";

    /** One item of the order with its own status (the order's status until the facility has the order). */
    @JsonPropertyOrder({"itemReferenceId", "productUid", "quantity", "status"})
    public record Item(String itemReferenceId, String productUid, Integer quantity, String status) {}

    /**
     * Shipment tracking: the latest shipment's code, URL and carrier (as before), its parcels and when it left; null
     * until the order has shipped. {@code packages} lists every parcel of every shipment of the order, oldest first.
     */
    @JsonPropertyOrder({"code", "url", "carrier", "shippedAt", "packages"})
    public record Tracking(String code, String url, String carrier, Instant shippedAt, List<Package> packages) {}

    /** One parcel: carrier, tracking code and URL, when its shipment left. */
    @JsonPropertyOrder({"carrier", "trackingCode", "trackingUrl", "shippedAt"})
    public record Package(String carrier, String trackingCode, String trackingUrl, Instant shippedAt) {}

    /**
     * Maps a status change (under the id of the event that carried it) to a postback: {@code order_status_updated},
     * or {@code order_handover_overdue} for the ledger's handover-overdue flag, {@code order_stalled} for its stall
     * announcement (the status is unchanged in both).
     */
    public static PostbackPayload of(String eventId, OrderStatusChanged change) {
        String type = WebhookEventType.isHandoverOverdue(change)
                ? HANDOVER_OVERDUE_TYPE
                : WebhookEventType.isStalled(change) ? STALLED_TYPE : EVENT_TYPE;
        return of(eventId, type, change);
    }

    /** Maps a status change to the payload of one event type, under the message id {@code messageId}. */
    public static PostbackPayload of(String messageId, String eventType, OrderStatusChanged change) {
        List<MetadataEntry> metadata = change.order() == null || change.order().metadata() == null
                ? List.of()
                : List.copyOf(change.order().metadata());
        String status = wire(change.status());
        List<Item> items = change.order() == null || change.order().items() == null
                ? List.of()
                : change.order().items().stream().map(i -> item(i, status, change.itemStatuses())).toList();
        return new PostbackPayload(VERSION, messageId, eventType, change.occurredAt(), change.orderId(),
                change.orderReferenceId(), change.clientId(), status, wire(change.previousStatus()),
                change.sequence(), change.cause(), change.refusalReasonCode(), change.refusalReason(), items,
                tracking(change), metadata);
    }

    private static Item item(OrderItem item, String status, Map<String, FulfillmentStatus> itemStatuses) {
        FulfillmentStatus own = itemStatuses == null ? null : itemStatuses.get(item.itemReferenceId());
        return new Item(item.itemReferenceId(), item.productUid(), item.quantity(), own == null ? status : wire(own));
    }

    private static Tracking tracking(OrderStatusChanged change) {
        OrderStatusChanged.Tracking latest = change.latestShipment();
        if (latest == null) {
            return null;
        }
        List<Package> packages = new ArrayList<>();
        for (OrderStatusChanged.Tracking shipment : change.shipments()) {
            if (shipment.packages().isEmpty()) {
                packages.add(new Package(shipment.carrier(), shipment.trackingCode(), shipment.trackingUrl(),
                        shipment.shippedAt()));
            }
            for (ProductionReported.Parcel parcel : shipment.packages()) {
                packages.add(new Package(shipment.carrier(), parcel.trackingCode(), parcel.trackingUrl(),
                        shipment.shippedAt()));
            }
        }
        return new Tracking(latest.trackingCode(), latest.trackingUrl(), latest.carrier(), latest.shippedAt(),
                packages);
    }

    /** The exact bytes that are posted and logged. */
    public String toJson() {
        try {
            return EventJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the postback of event " + eventId, e);
        }
    }

    private static String wire(FulfillmentStatus status) {
        return status == null ? null : status.wireName();
    }
}
