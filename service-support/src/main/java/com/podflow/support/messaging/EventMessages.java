package com.podflow.support.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;

/** Puts events on Kafka the way every producer of the suite does: keyed by order id, CloudEvents JSON, its header. */
public final class EventMessages {
    private static final Logger LOG = Logger.getLogger(EventMessages.class);

    private EventMessages() {
    }

    /** The record for {@code envelope}: key = order id, value = structured CloudEvent, content-type header. */
    public static Message<String> message(EventEnvelope envelope) {
        return Message.of(EventCodec.encode(envelope)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(envelope.key())
                .withHeaders(new RecordHeaders().add("content-type", EventCodec.CONTENT_TYPE.getBytes(UTF_8)))
                .build());
    }

    /**
     * Sends {@code envelope} and completes once Kafka acknowledged it, retrying with backoff for as long as it takes;
     * fails at once on a record Kafka will never take ({@link Failures}), so that the batch plumbing parks the input.
     * Only for events whose id is deterministic (derived from what caused them), so that a resend is de-duplicated by
     * the consumer: the caller acks its input only after this completes, which makes the step at-least-once.
     */
    public static Uni<Void> publishUntilAcked(MutinyEmitter<String> emitter, EventEnvelope envelope) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message(envelope)))
                .onFailure(Failures::isTransient)
                .invoke(e -> LOG.warnf("publishing %s of order %s failed, retrying: %s",
                        envelope.type().wireName(), envelope.subject(), e.getMessage()))
                .onFailure(Failures::isTransient).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }
}
