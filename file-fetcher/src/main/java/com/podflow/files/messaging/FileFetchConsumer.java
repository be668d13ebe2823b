package com.podflow.files.messaging;

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
import com.podflow.files.domain.FileFindings;
import com.podflow.files.domain.FileReference;
import com.podflow.files.http.FileFetcher;
import com.podflow.support.messaging.EventMessages;

/**
 * Downloads the files of each received order and reports the result on {@code orders.validation}. The intake record is
 * acked only once Kafka has acked the result (at-least-once); the result's id is derived from the intake event's id,
 * so a redelivery produces the same event again and the ledger records it once. Unreadable records go to the
 * dead-letter topic.
 */
@ApplicationScoped
public class FileFetchConsumer {
    static final String SOURCE = "/file-fetcher";
    private static final Logger LOG = Logger.getLogger(FileFetchConsumer.class);

    private final MutinyEmitter<String> results;
    private final FileFetcher fetcher;

    public FileFetchConsumer(@Channel("results") MutinyEmitter<String> results, FileFetcher fetcher) {
        this.results = results;
        this.fetcher = fetcher;
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
        return check(received)
                .map(findings -> EventEnvelope.withId(EventEnvelope.derivedId(in.id(), Validators.FILES),
                        result(received, findings), SOURCE, in.clientId(), received.attempt(), in.id()))
                .chain(out -> EventMessages.publishUntilAcked(results, out));
    }

    /** A crash while checking fails the order visibly instead of leaving it waiting for a result that never comes. */
    private Uni<List<Finding>> check(OrderReceived received) {
        return Uni.createFrom().deferred(() -> {
            List<FileReference> references = FileReference.of(received.order());
            return fetcher.fetchAll(references.stream().map(FileReference::url).toList())
                    .map(outcomes -> FileFindings.of(references, outcomes));
        }).onFailure().recoverWithItem(e -> {
            LOG.errorf(e, "checking the files of order %s attempt %d crashed", received.orderId(),
                    received.attempt());
            return List.of(new Finding(RefusalCodes.INTERNAL_ERROR, null,
                    "the order's files could not be checked because of an internal error; submit it again later or"
                            + " contact support"));
        });
    }

    private static OrderEvent result(OrderReceived received, List<Finding> findings) {
        Instant now = Instant.now();
        return findings.isEmpty()
                ? new ValidationPassed(received.orderId(), received.attempt(), Validators.FILES, now)
                : new ValidationFailed(received.orderId(), received.attempt(), Validators.FILES, findings, now);
    }

}
