package com.podflow.files.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
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
import com.podflow.files.check.OrderFileCheck;
import com.podflow.files.config.FilesConfig;
import com.podflow.support.messaging.EventMessages;

/**
 * Checks the files of each received order and reports the result on {@code orders.validation}. Up to
 * {@code files.max-concurrent-orders} orders are checked at once, so an order waiting on a slow host does not hold up
 * the ones behind it; the throttled commit strategy commits an offset only once every record before it is acked. The
 * intake record is acked only once Kafka has acked the result (at-least-once); the result's id is derived from the
 * intake event's id, so a redelivery produces the same event again and the ledger records it once. Unreadable records
 * go to the dead-letter topic.
 */
@ApplicationScoped
public class FileFetchConsumer {
    static final String SOURCE = "/file-fetcher";
    private static final Logger LOG = Logger.getLogger(FileFetchConsumer.class);

    private final MutinyEmitter<String> results;
    private final OrderFileCheck check;
    private final Permits permits;

    public FileFetchConsumer(@Channel("results") MutinyEmitter<String> results, OrderFileCheck check,
            FilesConfig config) {
        this.results = results;
        this.check = check;
        this.permits = new Permits(config.maxConcurrentOrders());
    }

    /** Completes as soon as the order is taken on (a permit is free), not when it is done: the next record comes. */
    @Incoming("intake")
    public Uni<Void> onIntake(Message<String> message) {
        EventEnvelope in;
        try {
            in = EventCodec.decode(message.getPayload());
        } catch (EventDecodingException e) {
            LOG.warnf("poison record on %s sent to %s: %s", Topics.ORDERS_INTAKE,
                    Topics.deadLetter(Topics.ORDERS_INTAKE), e.getMessage());
            return Uni.createFrom().completionStage(() -> message.nack(e));
        }
        if (!(in.data() instanceof OrderReceived received)) {
            // other intake commands are not this validator's business
            return Uni.createFrom().completionStage(message::ack);
        }
        return permits.acquire().invoke(() -> process(in, received)
                .eventually(permits::release)
                .subscribe().with(done -> message.ack(), failure -> {
                    LOG.errorf(failure, "order %s: the result could not be published", received.orderId());
                    message.nack(failure);
                }));
    }

    private Uni<Void> process(EventEnvelope in, OrderReceived received) {
        return check(received)
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
