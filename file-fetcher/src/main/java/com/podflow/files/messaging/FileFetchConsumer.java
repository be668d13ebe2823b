package com.podflow.files.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
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
import com.podflow.events.Validators;
import com.podflow.files.check.OrderFileCheck;
import com.podflow.files.config.FilesConfig;
import com.podflow.support.messaging.BatchConsumer;
import com.podflow.support.messaging.EventMessages;

/**
 * Checks the files of each received order and reports the result on {@code orders.validation}. The intake channel is
 * in batch mode and goes through the suite's {@link BatchConsumer} (decode, dead-letter, retry, then ack): the orders
 * of a batch are checked at once, at most {@code files.max-concurrent-orders} at a time and the records of one order
 * in order; each result is published as soon as it is ready, and the batch is acked once Kafka acked all of them
 * (at-least-once). A result's id is derived from the intake event's id, so a redelivered batch produces the same
 * events again and the ledger records them once.
 */
@ApplicationScoped
public class FileFetchConsumer {
    static final String SOURCE = "/file-fetcher";
    private static final Logger LOG = Logger.getLogger(FileFetchConsumer.class);

    private final MutinyEmitter<String> results;
    private final OrderFileCheck check;
    private final Permits permits;
    private final BatchConsumer batchConsumer = new BatchConsumer(Topics.ORDERS_INTAKE, "file-fetcher");

    public FileFetchConsumer(@Channel("results") MutinyEmitter<String> results, OrderFileCheck check,
            FilesConfig config) {
        this.results = results;
        this.check = check;
        this.permits = new Permits(config.maxConcurrentOrders());
    }

    /** Completes once every order of the batch has its result acked by Kafka (or its record is parked). */
    @Incoming("intake")
    public Uni<Void> onIntake(KafkaRecordBatch<String, String> batch) {
        return batchConsumer.consume(batch, this::handle);
    }

    /**
     * Checks the batch's received orders; other intake commands are not this validator's business. Refuses nothing: a
     * check that crashes is the order's {@code internal_error}, and publishing retries until Kafka takes the result.
     */
    Uni<List<BatchConsumer.Rejected>> handle(List<BatchConsumer.Received> records) {
        // a record re-driven to another validator (ADR 0029) is not this one's business either
        return BatchConsumer.perKey(records, record -> record.envelope().data() instanceof OrderReceived received
                && Redrives.addressedTo(record.envelope(), Validators.FILES)
                        ? process(record.envelope(), received)
                        : Uni.createFrom().voidItem())
                .replaceWith(List.of());
    }

    /** One order: a permit for the check (the costly part), then the result is published outside the permit. */
    private Uni<Void> process(EventEnvelope in, OrderReceived received) {
        return permits.acquire()
                .chain(() -> check(received).eventually(permits::release))
                .map(result -> EventEnvelope.withId(EventEnvelope.derivedId(in.id(), Validators.FILES),
                        result(received, result), SOURCE, in.clientId(), received.attempt(), in.id()))
                .chain(out -> EventMessages.publishUntilAcked(results, out));
    }

    /** A crash while checking fails the order visibly instead of leaving it waiting for a result that never comes. */
    private Uni<OrderFileCheck.Result> check(OrderReceived received) {
        return Uni.createFrom().deferred(() -> check.check(received.order()))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "checking the files of order %s attempt %d crashed", received.orderId(),
                            received.attempt());
                    return new OrderFileCheck.Result(List.of(new Finding(RefusalCodes.INTERNAL_ERROR, null,
                            "the order's files could not be checked because of an internal error; submit it again"
                                    + " later or contact support")),
                            List.of());
                });
    }

    private static OrderEvent result(OrderReceived received, OrderFileCheck.Result result) {
        Instant now = Instant.now();
        Metrics.counter("podflow.validation.results", "validator", Validators.FILES, "outcome",
                result.findings().isEmpty() ? "passed" : "failed", "code",
                result.findings().isEmpty() ? "none" : result.findings().get(0).code()).increment();
        if (!result.findings().isEmpty()) {
            return new ValidationFailed(received.orderId(), received.attempt(), Validators.FILES, result.findings(),
                    now);
        }
        ValidationPassed.Resolution resolution = result.files().isEmpty()
                ? null
                : new ValidationPassed.Resolution(null, result.files());
        return new ValidationPassed(received.orderId(), received.attempt(), Validators.FILES, now, resolution);
    }
}
