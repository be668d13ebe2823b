package com.podflow.notification.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.notification.persistence.Endpoints.Endpoint;

/** Renders the e-mails from the Qute templates under {@code templates/mail}: one per status, a generic fallback. */
@ApplicationScoped
public class MailComposer {
    private final Engine engine;

    public MailComposer(Engine engine) {
        this.engine = engine;
    }

    /** A rendered e-mail. */
    public record Mail(String subject, String text) {}

    public Mail statusChanged(OrderStatusChanged change) {
        String ref = change.orderReferenceId() == null ? change.orderId() : change.orderReferenceId();
        Map<String, Object> data = new HashMap<>();
        data.put("orderReferenceId", ref);
        data.put("orderId", change.orderId());
        data.put("status", change.status() == null ? null : change.status().wireName());
        data.put("refusalReason", change.refusalReason());
        data.put("refusalReasonCode", change.refusalReasonCode());
        // the latest shipment's tracking; without one (a facility that reported none) the template says a link follows
        OrderStatusChanged.Tracking tracking = change.latestShipment();
        data.put("trackingUrl", tracking == null ? null : tracking.trackingUrl());
        data.put("trackingCode", tracking == null ? null : tracking.trackingCode());
        data.put("carrier", tracking == null ? null : tracking.carrier());
        if (change.status() == FulfillmentStatus.FAILED) {
            return new Mail("Order " + ref + " failed: "
                    + (change.refusalReasonCode() == null ? "refused" : change.refusalReasonCode()),
                    render("mail/order_failed", data));
        }
        if (change.status() == FulfillmentStatus.SHIPPED) {
            return new Mail("Order " + ref + " has shipped", render("mail/order_shipped", data));
        }
        return new Mail("Order " + ref + " is now " + data.get("status"), render("mail/order_status", data));
    }

    public Mail endpointDisabled(Endpoint endpoint, String reason) {
        Map<String, Object> data = new HashMap<>();
        data.put("url", endpoint.url());
        data.put("endpointId", endpoint.id().toString());
        data.put("clientId", endpoint.clientId());
        data.put("reason", reason);
        return new Mail("Your " + endpoint.kind() + " endpoint " + endpoint.url() + " was disabled",
                render("mail/endpoint_disabled", data));
    }

    private String render(String id, Map<String, Object> data) {
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("mail template " + id + " is missing");
        }
        return template.data(data).render();
    }
}
