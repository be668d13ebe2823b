package com.podflow.notification.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;

/** The event types a webhook endpoint can subscribe to, in their wire spelling. */
public enum WebhookEventType {
    /** Every status change of an order. */
    ORDER_STATUS_UPDATED,
    /** Item-level status changes: accepted as a filter; sent once the ledger reports item statuses apart. */
    ORDER_ITEM_STATUS_UPDATED,
    /** The order failed (status {@code failed}), with the refusal code and reason. */
    ORDER_FAILED,
    /** Tracking was added: accepted as a filter; sent once the ledger's status changes carry tracking. */
    TRACKING_ADDED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static WebhookEventType fromWireName(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidPostbackUrlException("eventTypes: unknown event type '" + value
                        + "' (one of " + Arrays.stream(values()).map(WebhookEventType::wireName).toList() + ")"));
    }

    /** The types one status change produces. */
    public static List<WebhookEventType> of(OrderStatusChanged change) {
        List<WebhookEventType> types = new ArrayList<>();
        types.add(ORDER_STATUS_UPDATED);
        if (change.status() == FulfillmentStatus.FAILED) {
            types.add(ORDER_FAILED);
        }
        return types;
    }

    /** The webhook-id of this type's message for an event: stable, and distinct per type. */
    public String messageId(String eventId) {
        return this == ORDER_STATUS_UPDATED ? eventId : eventId + "_" + wireName();
    }
}
