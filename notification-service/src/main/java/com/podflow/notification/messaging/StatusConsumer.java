package com.podflow.notification.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;

import com.podflow.events.EventCodec;
import com.podflow.events.EventDecodingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;

/**
 * Reads {@code orders.status} and schedules each OrderStatusChanged's deliveries in PostgreSQL. The record is
 * acknowledged (and its offset becomes committable) only once that transaction has committed, so a crash before it
 * re-reads the record and loses nothing. Sending happens later, in {@link DeliveryWorker}: a slow or dead endpoint
 * never holds up the topic. A record that is not a readable status change goes to {@code orders.status.dlq}.
 */
@ApplicationScoped
public class StatusConsumer {
    private static final Logger LOG = Logger.getLogger(StatusConsumer.class);
    private static final String TOPIC = Topics.ORDERS_STATUS;

    private final DeliveryScheduler scheduler;
    private final DeliveryWorker worker;

    public StatusConsumer(DeliveryScheduler scheduler, DeliveryWorker worker) {
        this.scheduler = scheduler;
        this.worker = worker;
    }

    @Incoming("status")
    public Uni<Void> onStatus(String value) {
        EventEnvelope envelope;
        try {
            envelope = EventCodec.decode(value);
        } catch (EventDecodingException e) {
            return poison(e);
        }
        if (!(envelope.data() instanceof OrderStatusChanged change)) {
            return poison(new EventDecodingException(
                    "event " + envelope.id() + " of type " + envelope.type().wireName() + " does not belong on "
                            + TOPIC));
        }
        return Uni.createFrom().deferred(() -> scheduler.schedule(envelope.id(), change))
                // the whole transaction is repeated: it is idempotent (the handled-event row is part of it)
                .onFailure(StatusConsumer::isTransient)
                .invoke(e -> LOG.warnf("scheduling the deliveries of event %s failed, retrying: %s", envelope.id(),
                        e.getMessage()))
                .onFailure(StatusConsumer::isTransient)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(count -> {
                    if (count < 0) {
                        LOG.infof("event %s (order %s) was handled before, skipped", envelope.id(), change.orderId());
                    } else {
                        LOG.debugf("event %s (order %s): %d deliveries scheduled", envelope.id(), change.orderId(),
                                count);
                        worker.wakeUp();
                    }
                })
                .onFailure().invoke(e -> LOG.errorf(e, "event %s cannot be scheduled, sent to %s", envelope.id(),
                        Topics.deadLetter(TOPIC)))
                .replaceWithVoid();
    }

    private static Uni<Void> poison(EventDecodingException e) {
        LOG.warnf("poison record on %s sent to %s: %s", TOPIC, Topics.deadLetter(TOPIC), e.getMessage());
        return Uni.createFrom().failure(e);
    }

    /**
     * Everything but a refusal of this very data: a bug of ours or a value PostgreSQL will never take (SQLSTATE class
     * 22 data exception, 23 constraint violation). Retrying those would block the partition forever.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
            return false;
        }
        if (failure instanceof DatabaseException db && db.getSqlState() != null) {
            return !(db.getSqlState().startsWith("22") || db.getSqlState().startsWith("23"));
        }
        return true;
    }
}
