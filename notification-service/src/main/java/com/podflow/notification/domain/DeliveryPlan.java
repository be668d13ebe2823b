package com.podflow.notification.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.podflow.events.OrderStatusChanged;

/**
 * What one status change must produce: a postback, a call per subscribed webhook and event type, an e-mail per
 * configured recipient. Pure: the consumer stores the result in the same transaction that marks the event handled.
 */
public final class DeliveryPlan {
    private DeliveryPlan() {
    }

    /** A client's postback URL or webhook endpoint as the plan needs it. */
    public record Target(UUID endpointId, String kind, Set<String> eventTypes, boolean enabled) {}

    /** Which statuses send an e-mail, to whom. */
    public record EmailRule(Set<String> statuses, String clientAddress, boolean toRecipient) {}

    /** One delivery to schedule. {@code json} is null for e-mails (rendered from a template by the caller). */
    public record Planned(String channel, UUID endpointId, String recipient, String lane, String messageId,
            String eventType, String json, String state) {}

    public static List<Planned> of(String eventId, OrderStatusChanged change, List<Target> targets,
            Optional<EmailRule> email) {
        List<Planned> planned = new ArrayList<>();
        Optional<Target> postback = targets.stream().filter(t -> t.kind().equals("postback")).findFirst();
        String lanePostback = "postback:" + change.clientId();
        PostbackPayload postbackPayload = PostbackPayload.of(eventId, change);
        if (postback.isEmpty()) {
            // logged, so a client can see that a change happened while it had no URL
            planned.add(new Planned("postback", null, null, lanePostback, eventId, postbackPayload.eventType(),
                    postbackPayload.toJson(), "no_target"));
        } else if (postback.get().enabled()) {
            planned.add(new Planned("postback", postback.get().endpointId(), null,
                    postback.get().endpointId().toString(), eventId, postbackPayload.eventType(),
                    postbackPayload.toJson(), "pending"));
        }
        List<WebhookEventType> types = WebhookEventType.of(change);
        for (Target hook : targets) {
            if (!hook.kind().equals("webhook") || !hook.enabled()) {
                continue;
            }
            for (WebhookEventType type : types) {
                if (hook.eventTypes().isEmpty() || hook.eventTypes().contains(type.wireName())) {
                    String messageId = type.messageId(eventId);
                    planned.add(new Planned("webhook", hook.endpointId(), null, hook.endpointId().toString(),
                            messageId, type.wireName(), PostbackPayload.of(messageId, type.wireName(), change)
                                    .toJson(),
                            "pending"));
                }
            }
        }
        // the handover-overdue flag and the stall announcement repeat the status: never a second e-mail for them
        email.filter(rule -> change.status() != null && !WebhookEventType.isHandoverOverdue(change)
                && !WebhookEventType.isStalled(change)
                && rule.statuses().contains(change.status().wireName()))
                .ifPresent(rule -> {
                    Set<String> to = new LinkedHashSet<>();
                    if (rule.clientAddress() != null && !rule.clientAddress().isBlank()) {
                        to.add(rule.clientAddress().strip().toLowerCase(Locale.ROOT));
                    }
                    String recipient = change.order() == null || change.order().shippingAddress() == null
                            ? null
                            : change.order().shippingAddress().email();
                    if (rule.toRecipient() && recipient != null && !recipient.isBlank()) {
                        to.add(recipient.strip().toLowerCase(Locale.ROOT));
                    }
                    for (String address : to) {
                        planned.add(new Planned("email", null, address, "email:" + address,
                                eventId + "_email", "order_" + change.status().wireName(), null, "pending"));
                    }
                });
        return planned;
    }
}
