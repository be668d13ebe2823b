package com.podflow.notification.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.order.MetadataEntry;

/**
 * The JSON body of a postback (version 1): one status change of one order. Every field is always present (null when
 * it does not apply), so receivers can rely on a fixed shape.
 */
@JsonPropertyOrder({"version", "eventId", "eventType", "occurredAt", "orderId", "orderReferenceId", "clientId",
        "fulfillmentStatus", "previousStatus", "sequence", "cause", "refusalReasonCode", "refusalReason", "metadata"})
public record PostbackPayload(int version, String eventId, String eventType, Instant occurredAt, String orderId,
        String orderReferenceId, String clientId, String fulfillmentStatus, String previousStatus, long sequence,
        String cause, String refusalReasonCode, String refusalReason, List<MetadataEntry> metadata) {

    public static final int VERSION = 1;
    public static final String EVENT_TYPE = "order_status_updated";

    /** Maps a status change (under the id of the event that carried it) to what the client receives. */
    public static PostbackPayload of(String eventId, OrderStatusChanged change) {
        List<MetadataEntry> metadata = change.order() == null || change.order().metadata() == null
                ? List.of()
                : List.copyOf(change.order().metadata());
        return new PostbackPayload(VERSION, eventId, EVENT_TYPE, change.occurredAt(), change.orderId(),
                change.orderReferenceId(), change.clientId(), wire(change.status()), wire(change.previousStatus()),
                change.sequence(), change.cause(), change.refusalReasonCode(), change.refusalReason(), metadata);
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
