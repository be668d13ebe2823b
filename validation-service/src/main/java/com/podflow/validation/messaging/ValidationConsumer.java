package com.podflow.validation.messaging;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.Redrives;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.ValidationPassed.Resolution;
import com.podflow.events.Validators;
import com.podflow.events.order.validation.OrderViolations;
import com.podflow.support.messaging.BatchConsumer;
import com.podflow.support.messaging.BatchConsumer.Received;
import com.podflow.support.messaging.BatchConsumer.Rejected;
import com.podflow.support.messaging.EventMessages;
import com.podflow.validation.domain.BusinessRulesValidator;
import com.podflow.validation.domain.ProductValidator;
import com.podflow.validation.domain.ReferenceData;
import com.podflow.validation.persistence.ReferenceCache;

/**
 * Runs the validators {@code data}, {@code product} and {@code rules} on each received order and reports one result
 * per validator on {@code orders.validation}. The intake channel is consumed in batches through {@link BatchConsumer}
 * (decoding, dead letters, retries, acks): every order of a batch is validated with one snapshot of the reference data
 * and all results of the batch are sent at once, each order's after those of its earlier records; the batch is acked
 * only once Kafka acked every result (at-least-once). Each result's id is derived from the intake event's id and the
 * validator's name, so a redelivery produces the same events again and the ledger records each once.
 */
@ApplicationScoped
public class ValidationConsumer {
    static final String SOURCE = "/validation-service";
    private static final Logger LOG = Logger.getLogger(ValidationConsumer.class);

    private final MutinyEmitter<String> results;
    private final ReferenceCache reference;
    private final Validator constraints;
    private final BatchConsumer batches = new BatchConsumer(Topics.ORDERS_INTAKE, "validation-service");
    private final ProductValidator product = new ProductValidator();
    private final BusinessRulesValidator rules = new BusinessRulesValidator();

    public ValidationConsumer(@Channel("results") MutinyEmitter<String> results, ReferenceCache reference,
            Validator constraints) {
        this.results = results;
        this.reference = reference;
        this.constraints = constraints;
    }

    @Incoming("intake")
    public Uni<Void> onIntake(KafkaRecordBatch<String, String> batch) {
        return batches.consume(batch, this::validate);
    }

    /**
     * Validates the batch's received orders (other intake commands are not this validator's business) and completes
     * once all their results are acked. Orders run at once, the records of one order one after another; no record is
     * refused: a validator that crashes reports {@code internal_error} instead.
     */
    Uni<List<Rejected>> validate(List<Received> records) {
        List<Received> orders = records.stream().filter(r -> r.envelope().data() instanceof OrderReceived).toList();
        if (orders.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        long started = System.nanoTime();
        return reference.current()
                // the validators are CPU work (a batch of 200 orders takes a while): keep it off the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ref -> {
                    Map<Received, List<EventEnvelope>> byOrder = new IdentityHashMap<>();
                    orders.forEach(order -> byOrder.put(order, results(order.envelope(), ref)));
                    return byOrder;
                })
                .invoke(() -> LOG.debugf("%d orders of a batch of %d records validated in %d ms", orders.size(),
                        records.size(), (System.nanoTime() - started) / 1_000_000))
                .chain(byOrder -> BatchConsumer.perKey(orders, order -> publishAll(byOrder.get(order))))
                .invoke(() -> LOG.debugf("results of %d orders acked %d ms after their batch arrived", orders.size(),
                        (System.nanoTime() - started) / 1_000_000))
                .replaceWith(List.of());
    }

    /**
     * The three results of one received order, with ids derived from its event id; of a re-driven record (ADR 0029)
     * only the one of the validator it is addressed to (none when it is file-fetcher's).
     */
    List<EventEnvelope> results(EventEnvelope in, ReferenceData ref) {
        OrderReceived received = (OrderReceived) in.data();
        if (Redrives.target(in).isPresent()) {
            return all(in, received, ref).stream()
                    .filter(result -> Redrives.addressedTo(in, validatorOf(result)))
                    .toList();
        }
        return all(in, received, ref);
    }

    private static String validatorOf(EventEnvelope result) {
        return result.data() instanceof ValidationPassed passed
                ? passed.validator()
                : ((ValidationFailed) result.data()).validator();
    }

    private List<EventEnvelope> all(EventEnvelope in, OrderReceived received, ReferenceData ref) {
        return List.of(
                envelope(in, received, Validators.DATA, () -> outcome(data(received), null)),
                envelope(in, received, Validators.PRODUCT,
                        () -> outcome(product.validate(received.order(), received.clientId(), ref),
                                new Resolution(null, null,
                                        product.resolve(received.order(), received.clientId(), ref)))),
                envelope(in, received, Validators.RULES, () -> {
                    var result = rules.validate(received.order(), received.clientId(), ref);
                    return outcome(result.findings(), result.shipment() == null
                            ? null
                            : new Resolution(result.shipment(), null));
                }));
    }

    /** Sends all at once (the producer batches them) and completes when Kafka acked every one; retries each send. */
    private Uni<Void> publishAll(List<EventEnvelope> envelopes) {
        return Uni.join().all(envelopes.stream().map(e -> EventMessages.publishUntilAcked(results, e)).toList())
                .andFailFast().replaceWithVoid();
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

    /** What one validator found, and what it settled on the way. */
    record Outcome(List<Finding> findings, Resolution resolution) {}

    static Outcome outcome(List<Finding> findings, Resolution resolution) {
        return new Outcome(findings, resolution);
    }

    private static EventEnvelope envelope(EventEnvelope in, OrderReceived received, String validator,
            Supplier<Outcome> run) {
        return EventEnvelope.withId(EventEnvelope.derivedId(in.id(), validator), result(received, validator, run),
                SOURCE, in.clientId(), received.attempt(), in.id());
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
        Metrics.counter("podflow.validation.results", "validator", validator, "outcome",
                outcome.findings().isEmpty() ? "passed" : "failed", "code",
                outcome.findings().isEmpty() ? "none" : outcome.findings().get(0).code()).increment();
        return outcome.findings().isEmpty()
                ? new ValidationPassed(received.orderId(), received.attempt(), validator, now, outcome.resolution())
                : new ValidationFailed(received.orderId(), received.attempt(), validator, outcome.findings(), now);
    }
}
