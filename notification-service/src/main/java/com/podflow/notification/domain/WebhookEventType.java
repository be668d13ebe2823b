package com.podflow.notification.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.RefusalCodes;

/** The event types a webhook endpoint can subscribe to, in their wire spelling. */
public enum WebhookEventType {
    /** Every status change of an order. */
    ORDER_STATUS_UPDATED,
    /**
     * A status change that carries the items' own statuses (once the facility has the order): sent with the order's
     * status change that moved them.
     */
    ORDER_ITEM_STATUS_UPDATED,
    /** The order failed (status {@code failed}), with the refusal code and reason. */
    ORDER_FAILED,
    /** The first status change that carries tracking (the order has shipped; skipped steps count). */
    TRACKING_ADDED,
    /**
     * The ledger announced the order stalled: longer than its status's time limit in it (ADR 0030). Once per status
     * and attempt; the status is unchanged and {@code cause} says what the order waits for.
     */
    ORDER_STALLED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static WebhookEventType fromWireName(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidPostbackUrlException("eventTypes: unknown event type '" + value
                        + "' (one of " + Arrays.stream(values()).map(WebhookEventType::wireName).toList() + ")"));
    }

    /**
     * The types one status change produces. A handover-overdue flag (the same status again) produces none: no accepted
     * type fits it, and repeating {@code order_status_updated} would announce {@code created} a second time. A stall
     * announcement produces {@code order_stalled} only, for the same reason.
     */
    public static List<WebhookEventType> of(OrderStatusChanged change) {
        List<WebhookEventType> types = new ArrayList<>();
        if (isHandoverOverdue(change)) {
            return types;
        }
        if (isStalled(change)) {
            types.add(ORDER_STALLED);
            return types;
        }
        types.add(ORDER_STATUS_UPDATED);
        if (change.itemStatuses() != null && change.previousStatus() != change.status()) {
            types.add(ORDER_ITEM_STATUS_UPDATED);
        }
        if (addsTracking(change)) {
            types.add(TRACKING_ADDED);
        }
        if (change.status() == FulfillmentStatus.FAILED) {
            types.add(ORDER_FAILED);
        }
        return types;
    }

    /**
     * The change carries tracking and the order had not shipped before it: the first change with tracking (the ledger
     * announces shipped, or a later step when the facility skipped it, once; later ones repeat the tracking).
     */
    static boolean addsTracking(OrderStatusChanged change) {
        return change.shipments() != null && change.status() != null && change.status().hasShipped()
                && (change.previousStatus() == null || !change.previousStatus().hasShipped());
    }

    /** The ledger's handover-overdue flag: the same status announced again with a cause starting handover_overdue. */
    public static boolean isHandoverOverdue(OrderStatusChanged change) {
        return change.previousStatus() != null && change.previousStatus() == change.status()
                && change.cause() != null && change.cause().startsWith(RefusalCodes.HANDOVER_OVERDUE);
    }

    /** The ledger's stall announcement: the same status announced again with a cause starting order_stalled. */
    public static boolean isStalled(OrderStatusChanged change) {
        return change.previousStatus() != null && change.previousStatus() == change.status()
                && change.cause() != null && change.cause().startsWith(RefusalCodes.ORDER_STALLED);
    }

    /** The webhook-id of this type's message for an event: stable, and distinct per type. */
    public String messageId(String eventId) {
        return this == ORDER_STATUS_UPDATED ? eventId : eventId + "_" + wireName();
    }
}
