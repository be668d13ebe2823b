package com.podflow.notification.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
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

    /** One item of the order with its status (items move with their order until the ledger reports them apart). */
    @JsonPropertyOrder({"itemReferenceId", "productUid", "quantity", "status"})
    public record Item(String itemReferenceId, String productUid, Integer quantity, String status) {}

    /** Shipment tracking; null until the ledger's status changes carry it. */
    public record Tracking(String code, String url, String carrier) {}

    /** Maps a status change (under the id of the event that carried it) to a postback. */
    public static PostbackPayload of(String eventId, OrderStatusChanged change) {
        return of(eventId, EVENT_TYPE, change);
    }

    /** Maps a status change to the payload of one event type, under the message id {@code messageId}. */
    public static PostbackPayload of(String messageId, String eventType, OrderStatusChanged change) {
        List<MetadataEntry> metadata = change.order() == null || change.order().metadata() == null
                ? List.of()
                : List.copyOf(change.order().metadata());
        String status = wire(change.status());
        List<Item> items = change.order() == null || change.order().items() == null
                ? List.of()
                : change.order().items().stream().map(i -> item(i, status)).toList();
        return new PostbackPayload(VERSION, messageId, eventType, change.occurredAt(), change.orderId(),
                change.orderReferenceId(), change.clientId(), status, wire(change.previousStatus()),
                change.sequence(), change.cause(), change.refusalReasonCode(), change.refusalReason(), items, null,
                metadata);
    }

    private static Item item(OrderItem item, String status) {
        return new Item(item.itemReferenceId(), item.productUid(), item.quantity(), status);
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
