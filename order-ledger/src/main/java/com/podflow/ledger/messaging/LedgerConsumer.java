package com.podflow.ledger.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.podflow.events.EventCodec;
import com.podflow.events.EventDecodingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.Topics;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.persistence.LedgerRepository;

/**
 * Feeds the intake and validation topics into the fold. A record that cannot be read or folded fails and goes to the
 * channel's dead-letter topic; a database outage is retried (with backoff) instead, since the record is good.
 */
@ApplicationScoped
public class LedgerConsumer {
    private static final Logger LOG = Logger.getLogger(LedgerConsumer.class);

    private final LedgerRepository repository;
    private final StatusOutboxRelay relay;
    private final OrderFold fold;

    public LedgerConsumer(LedgerRepository repository, StatusOutboxRelay relay, LedgerConfig config) {
        this.repository = repository;
        this.relay = relay;
        this.fold = new OrderFold(config.requiredValidators());
    }

    @Incoming("intake")
    public Uni<Void> onIntake(String value) {
        return apply(value, Topics.ORDERS_INTAKE);
    }

    @Incoming("validation")
    public Uni<Void> onValidation(String value) {
        return apply(value, Topics.ORDERS_VALIDATION);
    }

    Uni<Void> apply(String value, String topic) {
        EventEnvelope envelope;
        try {
            envelope = EventCodec.decode(value);
        } catch (EventDecodingException e) {
            LOG.warnf("poison record on %s sent to %s: %s", topic, Topics.deadLetter(topic), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return repository.apply(envelope, topic, fold)
                .onFailure(LedgerConsumer::isTransient)
                .invoke(e -> LOG.warnf("applying %s %s failed, retrying: %s", envelope.type().wireName(), envelope.id(),
                        e.getMessage()))
                .onFailure(LedgerConsumer::isTransient)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure().invoke(e -> LOG.errorf(e, "%s %s cannot be applied, sent to %s",
                        envelope.type().wireName(), envelope.id(), Topics.deadLetter(topic)))
                .invoke(applied -> {
                    if (!applied.changes().isEmpty()) {
                        relay.wakeUp();
                    }
                })
                .replaceWithVoid();
    }

    /** Failures of the event itself are not retried: the fold refused it or its stored state is unreadable. */
    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof IllegalArgumentException || failure instanceof IllegalStateException);
    }
}
