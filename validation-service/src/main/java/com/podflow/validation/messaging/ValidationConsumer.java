package com.podflow.validation.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

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
import com.podflow.events.ValidationPassed.Resolution;
import com.podflow.events.Validators;
import com.podflow.events.order.validation.OrderViolations;
import com.podflow.support.messaging.EventMessages;
import com.podflow.validation.domain.BusinessRulesValidator;
import com.podflow.validation.domain.ProductValidator;
import com.podflow.validation.domain.ReferenceData;
import com.podflow.validation.persistence.ReferenceRepository;

/**
 * Runs the validators {@code data}, {@code product} and {@code rules} on each received order and reports one result
 * per validator on {@code orders.validation}. The intake record is acked only once Kafka has acked all three results
 * (at-least-once); each result's id is derived from the intake event's id and the validator's name, so a redelivery
 * produces the same events again and the ledger records each once. Unreadable records go to the dead-letter topic.
 */
@ApplicationScoped
public class ValidationConsumer {
    static final String SOURCE = "/validation-service";
    private static final Logger LOG = Logger.getLogger(ValidationConsumer.class);

    private final MutinyEmitter<String> results;
    private final ReferenceRepository reference;
    private final Validator constraints;
    private final ProductValidator product = new ProductValidator();
    private final BusinessRulesValidator rules = new BusinessRulesValidator();

    public ValidationConsumer(@Channel("results") MutinyEmitter<String> results, ReferenceRepository reference,
            Validator constraints) {
        this.results = results;
        this.reference = reference;
        this.constraints = constraints;
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
        return publish(in, received, Validators.DATA, () -> outcome(data(received), null))
                .chain(() -> referenceData())
                .chain(ref -> publish(in, received, Validators.PRODUCT,
                        () -> outcome(product.validate(received.order(), received.clientId(), ref), null))
                        .chain(() -> publish(in, received, Validators.RULES, () -> {
                            var result = rules.validate(received.order(), received.clientId(), ref);
                            return outcome(result.findings(), result.shipment() == null
                                    ? null
                                    : new Resolution(result.shipment(), null));
                        })));
    }

    /**
     * The {@code data} validator: the order's shape and format rules, declared once as constraints on the contract
     * records (order-events), the same ones the Order API answers 400 with. Orders from the API arrive here already
     * checked; orders from other channels (file drop, storefronts) are checked here for the first time.
     */
    private List<Finding> data(OrderReceived received) {
        if (received.order() == null) {
            return List.of(new Finding(RefusalCodes.MISSING_REQUIRED_FIELD, "order", "the order is empty"));
        }
        return OrderViolations.findings(constraints.validate(received.order()));
    }

    /** The reference data, waiting for the database as long as it takes: an outage delays orders, never fails them. */
    private Uni<ReferenceData> referenceData() {
        return Uni.createFrom().deferred(reference::snapshot)
                .onFailure().invoke(e -> LOG.warnf("reading reference data failed, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** What one validator found, and what it settled on the way. */
    record Outcome(List<Finding> findings, Resolution resolution) {}

    static Outcome outcome(List<Finding> findings, Resolution resolution) {
        return new Outcome(findings, resolution);
    }

    private Uni<Void> publish(EventEnvelope in, OrderReceived received, String validator, Supplier<Outcome> run) {
        EventEnvelope out = EventEnvelope.withId(EventEnvelope.derivedId(in.id(), validator),
                result(received, validator, run), SOURCE, in.clientId(), received.attempt(), in.id());
        return EventMessages.publishUntilAcked(results, out);
    }

    /** A crashing validator fails the order visibly instead of leaving it waiting for a result that never comes. */
    static OrderEvent result(OrderReceived received, String validator, Supplier<Outcome> run) {
        Instant now = Instant.now();
        Outcome outcome;
        try {
            outcome = run.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "validator %s crashed on order %s attempt %d", validator, received.orderId(),
                    received.attempt());
            outcome = outcome(List.of(new Finding(RefusalCodes.INTERNAL_ERROR, null,
                    "the order could not be validated because of an internal error; submit it again later or"
                            + " contact support")),
                    null);
        }
        return outcome.findings().isEmpty()
                ? new ValidationPassed(received.orderId(), received.attempt(), validator, now, outcome.resolution())
                : new ValidationFailed(received.orderId(), received.attempt(), validator, outcome.findings(), now);
    }
}
