package com.podflow.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.podflow.events.EventCodec;
import com.podflow.events.EventDecodingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;

/**
 * Reads {@code orders.status} and hands each OrderStatusChanged to the delivery. A record that is not a readable
 * status change fails and goes to {@code orders.status.dlq}; a failed POST does not fail the record (it is logged).
 */
@ApplicationScoped
public class StatusConsumer {
    private static final Logger LOG = Logger.getLogger(StatusConsumer.class);
    private static final String TOPIC = Topics.ORDERS_STATUS;

    private final PostbackDelivery delivery;

    public StatusConsumer(PostbackDelivery delivery) {
        this.delivery = delivery;
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
        return delivery.deliver(envelope.id(), change)
                .onFailure().invoke(e -> LOG.errorf(e, "postback of event %s cannot be handled, sent to %s",
                        envelope.id(), Topics.deadLetter(TOPIC)))
                .replaceWithVoid();
    }

    private static Uni<Void> poison(EventDecodingException e) {
        LOG.warnf("poison record on %s sent to %s: %s", TOPIC, Topics.deadLetter(TOPIC), e.getMessage());
        return Uni.createFrom().failure(e);
    }
}
