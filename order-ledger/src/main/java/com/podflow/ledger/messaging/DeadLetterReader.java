package com.podflow.ledger.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.podflow.ledger.persistence.DeadLetterStore;
import com.podflow.support.messaging.BatchConsumer;

/**
 * Reads every dead-letter topic ({@code *.dlq}, a pattern subscription) and stores each record with where it came
 * from, the consumer group that parked it and why (ADR 31), so that support can list, replay and resolve it. A poll
 * is stored in one statement and acknowledged after it; a repeat of a position is ignored, so a redelivery stores
 * nothing twice. A database outage is retried until it is over: nothing here is refused for good.
 */
@ApplicationScoped
public class DeadLetterReader {
    private static final Logger LOG = Logger.getLogger(DeadLetterReader.class);
    static final String DLQ_SUFFIX = ".dlq";

    private final DeadLetterStore store;

    public DeadLetterReader(DeadLetterStore store) {
        this.store = store;
    }

    @Incoming("dead-letters")
    public Uni<Void> onDeadLetters(KafkaRecordBatch<String, String> batch) {
        List<DeadLetterStore.Incoming> records = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            records.add(read(record.getTopic(), record.getPartition(),
                    record.unwrap(IncomingKafkaRecord.class).getOffset(), record.getKey(), record.getHeaders(),
                    record.getPayload()));
        }
        return Uni.createFrom().deferred(() -> store.store(records))
                .onFailure().invoke(e -> LOG.warnf("storing %d dead-letter records failed, retrying: %s",
                        records.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** A dead-letter record as stored: the connector's dead-letter headers, ours, and every other header as is. */
    static DeadLetterStore.Incoming read(String topic, int partition, long offset, String key, Headers headers,
            String payload) {
        List<DeadLetterStore.Header> all = new ArrayList<>();
        for (Header h : headers) {
            all.add(new DeadLetterStore.Header(h.key(), h.value() == null ? null : new String(h.value(), UTF_8)));
        }
        String source = header(headers, "dead-letter-topic");
        if (source == null && topic.endsWith(DLQ_SUFFIX)) {
            source = topic.substring(0, topic.length() - DLQ_SUFFIX.length());
        }
        return new DeadLetterStore.Incoming(topic, partition, offset, source,
                number(header(headers, "dead-letter-partition")) == null
                        ? null
                        : number(header(headers, "dead-letter-partition")).intValue(),
                number(header(headers, "dead-letter-offset")), header(headers, BatchConsumer.DEAD_LETTER_GROUP), key,
                header(headers, "dead-letter-reason"), header(headers, "dead-letter-cause"),
                header(headers, "dead-letter-exception-class-name"), all, payload);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
