package com.podflow.support.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.podflow.events.EventCodec;
import com.podflow.events.EventDecodingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.Topics;

/**
 * The one consumer plumbing of the suite, for channels in batch mode ({@code mp.messaging.incoming.<c>.batch=true}):
 * decode every record of a poll; hand the readable ones to the service in one call (one transaction, one round of
 * publishing); retry that call while it fails transiently ({@link Failures}); park what cannot be handled on the
 * channel's dead-letter topic with the reason; and only then acknowledge the batch, so offsets are committed after
 * the batch's effects are durable (at least once; every handler de-duplicates by event id).
 *
 * <p>
 * A poison record never blocks its partition: an unreadable record is parked without reaching the handler; a record
 * the handler refuses is returned by it as {@link Rejected} (the rest of the batch commits); and when the handler
 * fails for the whole batch with a non-transient failure, the records are handled again one at a time, in order, so
 * that only the one at fault is parked.
 *
 * <p>
 * The dead-letter record is written by the connector's {@code dead-letter-queue} failure strategy (configure it on the
 * channel): it carries the {@code dead-letter-reason}, {@code dead-letter-topic}, {@code -partition} and {@code
 * -offset} headers, the original record's headers, and {@value #DEAD_LETTER_GROUP}: the consumer group that parked
 * it, since several groups share one dead-letter topic (ADR 31). A batch completes only once every parked record is on
 * the dead-letter topic.
 */
public final class BatchConsumer {
    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    /** The header naming the consumer group that parked a dead-letter record (ADR 31). */
    public static final String DEAD_LETTER_GROUP = "dead-letter-group";

    private final String topic;
    private final String group;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Counter handled;
    private final Counter parkedRecords;
    private final Counter retries;
    private final Timer batches;

    /** One record of the batch that could be read. */
    public record Received(EventEnvelope envelope, int partition, long offset) {
        /** The record key: the order id. */
        public String key() {
            return envelope.key();
        }
    }

    /** A record the handler refuses: it goes to the dead-letter topic with {@code reason}. */
    public record Rejected(Received received, Throwable reason) {}

    /** The service's work for one batch. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles every record (in the given order, which keeps each partition's order) and completes once the
         * effects are durable; answers the records it refused, which were left without effect. A transient failure
         * fails the whole call, which is then repeated.
         */
        Uni<List<Rejected>> handle(List<Received> records);
    }

    /** What the plumbing needs of a record: its payload, position and a way to park it. */
    record Incoming(String payload, String key, int partition, long offset,
            Function<Throwable, CompletionStage<Void>> park) {}

    private record Parked(Incoming record, Throwable reason) {}

    /** A consumer of {@code topic} whose dead letters do not name their group; prefer {@link #BatchConsumer(String, String)}. */
    public BatchConsumer(String topic) {
        this(topic, null);
    }

    /** A consumer of {@code topic} in consumer group {@code group} (the channel's {@code group.id}). */
    public BatchConsumer(String topic, String group) {
        this(topic, group, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    BatchConsumer(String topic, Duration firstBackoff, Duration maxBackoff) {
        this(topic, null, firstBackoff, maxBackoff);
    }

    BatchConsumer(String topic, String group, Duration firstBackoff, Duration maxBackoff) {
        this.topic = topic;
        this.group = group;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        // the service's registry (Quarkus adds it to the global one); without one these are no-ops
        MeterRegistry registry = Metrics.globalRegistry;
        this.handled = Counter.builder("podflow.consumer.records").tag("topic", topic).tag("outcome", "handled")
                .description("records of the topic this service handled").register(registry);
        this.parkedRecords = Counter.builder("podflow.consumer.records").tag("topic", topic)
                .tag("outcome", "dead_lettered").description("records of the topic this service handled")
                .register(registry);
        this.retries = Counter.builder("podflow.consumer.retries").tag("topic", topic)
                .description("transient failures of a batch, retried with backoff").register(registry);
        this.batches = Timer.builder("podflow.consumer.batch").tag("topic", topic)
                .description("one poll's records, from decoding to the ack").register(registry);
    }

    /** Handles one poll's records and acknowledges them; never fails (a failed batch would be dead-lettered whole). */
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch, Handler handler) {
        List<Incoming> records = new ArrayList<>();
        Metadata deadLetter = deadLetterMetadata();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            long offset = record.unwrap(IncomingKafkaRecord.class).getOffset();
            records.add(new Incoming(record.getPayload(), record.getKey(), record.getPartition(), offset,
                    reason -> record.nack(reason, deadLetter)));
        }
        long start = System.nanoTime();
        return process(records, handler)
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .invoke(() -> batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                .onFailure().retry().withBackOff(firstBackoff, maxBackoff).indefinitely();
    }

    /** The connector's dead-letter strategy adds these headers to the parked record (the group that parked it). */
    private Metadata deadLetterMetadata() {
        if (group == null) {
            return Metadata.empty();
        }
        return Metadata.of(OutgoingKafkaRecordMetadata.builder()
                .withHeaders(new RecordHeaders().add(DEAD_LETTER_GROUP, group.getBytes(UTF_8)))
                .build());
    }

    /** Decodes, handles and parks; completes when every record is either handled or on the dead-letter topic. */
    Uni<Void> process(List<Incoming> records, Handler handler) {
        List<Received> readable = new ArrayList<>();
        Map<Received, Incoming> sources = new IdentityHashMap<>();
        List<Parked> parked = new ArrayList<>();
        for (Incoming record : records) {
            try {
                Received received = new Received(EventCodec.decode(record.payload()), record.partition(),
                        record.offset());
                readable.add(received);
                sources.put(received, record);
            } catch (EventDecodingException e) {
                parked.add(new Parked(record, e));
            }
        }
        Uni<List<Rejected>> handled = readable.isEmpty()
                ? Uni.createFrom().item(List.of())
                : handleAll(readable, handler);
        return handled.chain(rejected -> {
            List<Parked> all = new ArrayList<>(parked);
            for (Rejected r : rejected) {
                all.add(new Parked(sources.get(r.received()), r.reason()));
            }
            all.sort(Comparator.comparingInt((Parked p) -> p.record().partition())
                    .thenComparingLong(p -> p.record().offset()));
            this.handled.increment(records.size() - all.size());
            parkedRecords.increment(all.size());
            return park(all);
        });
    }

    private Uni<List<Rejected>> handleAll(List<Received> records, Handler handler) {
        return retrying(records, handler).onFailure().recoverWithUni(failure -> {
            if (records.size() == 1) {
                return Uni.createFrom().item(List.of(new Rejected(records.get(0), failure)));
            }
            LOG.warnf("a batch of %d records from %s was refused (%s); handling them one at a time", records.size(),
                    topic, failure.getMessage());
            return Multi.createFrom().iterable(records)
                    .onItem().transformToUniAndConcatenate(record -> retrying(List.of(record), handler)
                            .onFailure().recoverWithItem(e -> List.of(new Rejected(record, e))))
                    .collect().in(ArrayList<Rejected>::new, List::addAll)
                    .map(list -> (List<Rejected>) list);
        });
    }

    private Uni<List<Rejected>> retrying(List<Received> records, Handler handler) {
        return Uni.createFrom().deferred(() -> handler.handle(records))
                .onFailure(Failures::isTransient)
                .invoke(e -> retries.increment())
                .onFailure(Failures::isTransient)
                .invoke(e -> LOG.warnf("handling %d records from %s failed, retrying: %s", records.size(), topic,
                        e.getMessage()))
                .onFailure(Failures::isTransient).retry().withBackOff(firstBackoff, maxBackoff).indefinitely();
    }

    private Uni<Void> park(List<Parked> parked) {
        if (parked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(parked)
                .onItem().transformToUniAndConcatenate(p -> {
                    LOG.warnf("record %s-%d@%d (key %s) sent to %s: %s", topic, p.record().partition(),
                            p.record().offset(), p.record().key(), Topics.deadLetter(topic), p.reason().getMessage());
                    return Uni.createFrom().completionStage(() -> p.record().park().apply(p.reason()))
                            .onFailure().invoke(e -> LOG.warnf("parking %s-%d@%d failed, retrying: %s", topic,
                                    p.record().partition(), p.record().offset(), e.getMessage()))
                            .onFailure().retry().withBackOff(firstBackoff, maxBackoff).indefinitely();
                })
                .collect().last().replaceWithVoid();
    }

    /**
     * Runs {@code work} for every record: records of different orders at once, the records of one order one after
     * another in batch order. Answers the results in the records' order.
     */
    public static <T> Uni<List<T>> perKey(List<Received> records, Function<Received, Uni<T>> work) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byKey.computeIfAbsent(records.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(records.size());
        List<Uni<Void>> lanes = new ArrayList<>();
        for (List<Integer> indexes : byKey.values()) {
            lanes.add(Multi.createFrom().iterable(indexes)
                    .onItem()
                    .transformToUniAndConcatenate(i -> work.apply(records.get(i)).invoke(r -> results.set(i, r)))
                    .collect().last().replaceWithVoid());
        }
        return Uni.join().all(lanes).andFailFast().map(done -> {
            List<T> list = new ArrayList<>(results.length());
            for (int i = 0; i < results.length(); i++) {
                list.add(results.get(i));
            }
            return list;
        });
    }
}
