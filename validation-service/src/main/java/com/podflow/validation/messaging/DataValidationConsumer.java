package com.podflow.validation.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import com.podflow.events.EventCodec;
import com.podflow.events.EventDecodingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.support.messaging.EventMessages;
import com.podflow.validation.domain.RequiredFieldsValidator;

/**
 * Validates each received order and reports the result on {@code orders.validation}. The intake record is acked only
 * once Kafka has acked the result (at-least-once); the result's id is derived from the intake event's id, so a
 * redelivery produces the same event again and the ledger records it once. Unreadable records go to the dead-letter
 * topic.
 */
@ApplicationScoped
public class DataValidationConsumer {
    static final String SOURCE = "/validation-service";
    private static final Logger LOG = Logger.getLogger(DataValidationConsumer.class);

    private final MutinyEmitter<String> results;
    private final RequiredFieldsValidator validator = new RequiredFieldsValidator();

    public DataValidationConsumer(@Channel("results") MutinyEmitter<String> results) {
        this.results = results;
    }

    @Incoming("intake")
    public Uni<Void> onIntake(String value) {
        EventEnvelope in;
        try {
            in = EventCodec.decode(value);
        } catch (EventDecodingException e) {
            LOG.warnf("poison record on %s sent to %s: %s", Topics.ORDERS_INTAKE,
                    Topics.deadLetter(Topics.ORDERS_INTAKE), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        if (!(in.data() instanceof OrderReceived received)) {
            return Uni.createFrom().voidItem(); // other intake commands are not this validator's business
        }
        EventEnvelope out = EventEnvelope.withId(EventEnvelope.derivedId(in.id(), Validators.DATA), validate(received),
                SOURCE, in.clientId(), received.attempt(), in.id());
        return EventMessages.publishUntilAcked(results, out);
    }

    /** A crashing validator fails the order visibly instead of leaving it waiting for a result that never comes. */
    private OrderEvent validate(OrderReceived received) {
        Instant now = Instant.now();
        List<Finding> findings;
        try {
            findings = validator.validate(received.order());
        } catch (RuntimeException e) {
            LOG.errorf(e, "validating order %s attempt %d crashed", received.orderId(), received.attempt());
            findings = List.of(new Finding(RefusalCodes.INTERNAL_ERROR, null,
                    "the order could not be validated because of an internal error; submit it again later or"
                            + " contact support"));
        }
        return findings.isEmpty()
                ? new ValidationPassed(received.orderId(), received.attempt(), Validators.DATA, now)
                : new ValidationFailed(received.orderId(), received.attempt(), Validators.DATA, findings, now);
    }

}
