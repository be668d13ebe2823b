package com.podflow.notification.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
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
 * Turns one status change into durable delivery rows, in one transaction with the row that marks the event handled:
 * a redelivered record schedules nothing twice, and a crash before the commit schedules it on the redelivery.
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

    /** How many deliveries were scheduled; -1 when the event was handled before. */
    public Uni<Integer> schedule(String eventId, OrderStatusChanged change) {
        return pool.withTransaction(conn -> deliveries.markHandled(conn, eventId).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(-1);
            }
            if (change.clientId() == null || change.orderId() == null) {
                return Uni.createFrom().item(0);
            }
            return endpoints.targets(conn, change.clientId())
                    .flatMap(targets -> emails.find(conn, change.clientId())
                            .map(rule -> rows(eventId, change, DeliveryPlan.of(eventId, change, targets, rule))))
                    .flatMap(rows -> rows.isEmpty()
                            ? Uni.createFrom().item(0)
                            : Multi.createFrom().iterable(rows)
                                    .onItem().transformToUniAndConcatenate(row -> deliveries.insert(conn, row))
                                    .collect().asList().map(done -> rows.size()));
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
