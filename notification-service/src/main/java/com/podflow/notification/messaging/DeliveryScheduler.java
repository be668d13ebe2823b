package com.podflow.notification.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import com.podflow.events.OrderStatusChanged;
import com.podflow.notification.domain.DeliveryPlan;
import com.podflow.notification.domain.DeliveryPlan.Planned;
import com.podflow.notification.persistence.Deliveries;
import com.podflow.notification.persistence.Deliveries.NewDelivery;
import com.podflow.notification.persistence.EmailSettings;
import com.podflow.notification.persistence.Endpoints;

/**
 * Turns a batch of status changes into durable delivery rows, in one transaction with the rows that mark the events
 * handled: a redelivered record schedules nothing twice, and a crash before the commit schedules it on the redelivery.
 * A constant number of statements per batch, whatever its size: mark handled, read the clients' endpoints, read their
 * e-mail rules, insert the deliveries.
 */
@ApplicationScoped
public class DeliveryScheduler {
    private final Pool pool;
    private final Deliveries deliveries;
    private final Endpoints endpoints;
    private final EmailSettings emails;
    private final MailComposer mails;

    public DeliveryScheduler(Pool pool, Deliveries deliveries, Endpoints endpoints, EmailSettings emails,
            MailComposer mails) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.emails = emails;
        this.mails = mails;
    }

    /** One status change as read from the topic. */
    public record StatusEvent(String eventId, OrderStatusChanged change) {}

    /**
     * Schedules the deliveries of every event not handled before, in the given order (which keeps each order's
     * changes in sequence); answers how many deliveries were scheduled.
     */
    public Uni<Integer> schedule(List<StatusEvent> events) {
        // the same event twice in one batch (a producer's retry) is one event
        Map<String, StatusEvent> byId = new LinkedHashMap<>();
        for (StatusEvent e : events) {
            byId.putIfAbsent(e.eventId(), e);
        }
        if (byId.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(conn -> deliveries.markHandled(conn, byId.keySet()).flatMap(first -> {
            List<StatusEvent> fresh = byId.values().stream()
                    .filter(e -> first.contains(e.eventId()))
                    .filter(e -> e.change().clientId() != null && e.change().orderId() != null)
                    .toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Set<String> clients = new LinkedHashSet<>();
            fresh.forEach(e -> clients.add(e.change().clientId()));
            return endpoints.targets(conn, clients)
                    .flatMap(targets -> emails.find(conn, clients).map(rules -> {
                        List<NewDelivery> rows = new ArrayList<>();
                        for (StatusEvent e : fresh) {
                            String client = e.change().clientId();
                            rows.addAll(rows(e.eventId(), e.change(), DeliveryPlan.of(e.eventId(), e.change(),
                                    targets.getOrDefault(client, List.of()),
                                    Optional.ofNullable(rules.get(client)))));
                        }
                        return rows;
                    }))
                    .flatMap(rows -> deliveries.insertAll(conn, rows).replaceWith(rows.size()));
        }));
    }

    private List<NewDelivery> rows(String eventId, OrderStatusChanged change, List<Planned> plan) {
        List<NewDelivery> rows = new ArrayList<>();
        Optional<MailComposer.Mail> mail = Optional.empty();
        for (Planned p : plan) {
            String payload = p.json();
            String subject = null;
            if (p.channel().equals("email")) {
                if (mail.isEmpty()) {
                    mail = Optional.of(mails.statusChanged(change));
                }
                payload = mail.get().text();
                subject = mail.get().subject();
            }
            rows.add(new NewDelivery(change.clientId(), p.channel(), p.endpointId(), p.recipient(), p.lane(),
                    change.orderId(), change.sequence(), eventId, p.messageId(), p.eventType(), payload, subject,
                    p.state()));
        }
        return rows;
    }
}
