package com.podflow.ledger.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.events.EventCodec;
import com.podflow.events.EventDecodingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.ProductionReported;
import com.podflow.events.Topics;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.persistence.LedgerRepository;
import com.podflow.outbox.OutboxService;
import com.podflow.support.api.ApiException;
import com.podflow.support.messaging.BatchConsumer.Received;

/**
 * Re-consumes a range of one of the ledger's input topics into its normal apply path
 * ({@link LedgerRepository#apply}): a separate consumer with its own assignment (no group, nothing committed, the live
 * consumers' offsets untouched), configured from the same {@code kafka.*} settings. The event log's primary key drops
 * every event applied before, so a replay adds only what the ledger never recorded. Blocking.
 */
@ApplicationScoped
public class KafkaReplayer {
    private static final Logger LOG = Logger.getLogger(KafkaReplayer.class);
    /** The topics the ledger folds, the only ones a replay may read. */
    static final Set<String> TOPICS = Set.of(Topics.ORDERS_INTAKE, Topics.ORDERS_VALIDATION,
            Topics.ORDERS_PRODUCTION_REPORTS);
    /** A replay gives up after this long; what it applied stays applied, a second replay continues. */
    static final Duration MAX_DURATION = Duration.ofMinutes(5);

    private final Map<String, Object> kafkaConfig;
    private final LedgerRepository repository;
    private final OutboxService outbox;
    private final Pool pool;
    private final OrderFold fold;

    public KafkaReplayer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            LedgerRepository repository, OutboxService outbox, Pool pool, LedgerConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.repository = repository;
        this.outbox = outbox;
        this.pool = pool;
        this.fold = new OrderFold(config.requiredValidators());
    }

    /** Where each partition's replay started and where it stopped (the end offset when the replay began). */
    public record PartitionRange(int partition, long fromOffset, long toOffset) {}

    /**
     * What a replay did: records {@code read}; events {@code applied} (new to the ledger), {@code duplicates}
     * (recorded before: dropped by event id), {@code unreadable} (not an event), {@code refused} (the fold or the
     * topic refused them); none of the last two is dead-lettered again.
     */
    public record ReplayReport(String topic, List<PartitionRange> partitions, long read, long applied,
            long duplicates, long unreadable, long refused, long elapsedMs, boolean complete) {}

    public ReplayReport replay(String topic, Integer partition, Long fromOffset, Instant fromTime) {
        if (topic == null || !TOPICS.contains(topic)) {
            throw ReplayScope.bad("topic", "must be one of " + new java.util.TreeSet<>(TOPICS));
        }
        if ((fromOffset == null) == (fromTime == null)) {
            throw ReplayScope.bad(fromOffset == null ? "fromOffset" : "fromTime",
                    "give exactly one of fromOffset and fromTime");
        }
        if (fromOffset != null && fromOffset < 0) {
            throw ReplayScope.bad("fromOffset", "must be 0 or more");
        }
        if (fromOffset != null && partition == null) {
            throw ReplayScope.bad("partition", "is required with fromOffset (offsets are per partition)");
        }
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.keySet().removeIf(k -> k.startsWith("group.") || k.startsWith("mp.") || k.equals("topic"));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-ledger-replay-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long started = System.nanoTime();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                if (partition == null || partition == info.partition()) {
                    assigned.add(new TopicPartition(topic, info.partition()));
                }
            }
            if (assigned.isEmpty()) {
                throw ReplayScope.bad("partition", "topic " + topic + " has no partition " + partition);
            }
            consumer.assign(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned);
            Map<TopicPartition, Long> start = new LinkedHashMap<>();
            if (fromOffset != null) {
                for (TopicPartition tp : assigned) {
                    // below the retention's start: from the oldest record still kept
                    start.put(tp, Math.min(Math.max(fromOffset, begin.get(tp)), end.get(tp)));
                }
            } else {
                Map<TopicPartition, Long> times = new HashMap<>();
                assigned.forEach(tp -> times.put(tp, fromTime.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
                for (TopicPartition tp : assigned) {
                    OffsetAndTimestamp at = found.get(tp);
                    start.put(tp, at == null ? end.get(tp) : at.offset());
                }
            }
            start.forEach(consumer::seek);
            List<PartitionRange> ranges = assigned.stream()
                    .map(tp -> new PartitionRange(tp.partition(), start.get(tp), end.get(tp))).toList();
            long read = 0;
            long applied = 0;
            long duplicates = 0;
            long unreadable = 0;
            long refused = 0;
            long deadline = System.nanoTime() + MAX_DURATION.toNanos();
            while (!reachedEnd(consumer, assigned, end) && System.nanoTime() < deadline) {
                List<Received> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // arrived after the replay began: the live consumer has it
                    }
                    read++;
                    EventEnvelope envelope;
                    try {
                        envelope = EventCodec.decode(record.value());
                    } catch (EventDecodingException | IllegalArgumentException e) {
                        unreadable++;
                        continue;
                    }
                    if (Topics.ORDERS_PRODUCTION_REPORTS.equals(topic)
                            && !(envelope.data() instanceof ProductionReported)) {
                        refused++; // one writer per topic: as the live consumer does
                        continue;
                    }
                    batch.add(new Received(envelope, record.partition(), record.offset()));
                }
                if (batch.isEmpty()) {
                    continue;
                }
                Set<String> known = recorded(batch);
                Set<String> fresh = new HashSet<>();
                for (Received r : batch) {
                    if (known.contains(r.envelope().id()) || !fresh.add(r.envelope().id())) {
                        duplicates++;
                    }
                }
                LedgerRepository.Applied result = repository.apply(batch, topic, fold).await().indefinitely();
                // an event the live consumer applied between our look-up and our apply counts as applied here
                refused += result.rejected().size();
                applied += fresh.size() - result.rejected().size();
                if (result.changes() > 0) {
                    outbox.wakeUp();
                }
            }
            boolean complete = reachedEnd(consumer, assigned, end);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            LOG.infof("replayed %s %s: read %d, applied %d, duplicates %d, unreadable %d, refused %d in %d ms%s",
                    topic, ranges, read, applied, duplicates, unreadable, refused, elapsedMs,
                    complete ? "" : " (stopped: time limit)");
            return new ReplayReport(topic, ranges, read, applied, duplicates, unreadable, refused, elapsedMs,
                    complete);
        } catch (ApiException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ApiException(503, "Kafka replay of " + topic + " failed: " + e.getMessage());
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> assigned,
            Map<TopicPartition, Long> end) {
        return assigned.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    private Set<String> recorded(List<Received> batch) {
        Set<String> known = new HashSet<>();
        for (Row row : pool.preparedQuery("select event_id from ledger.event_log where event_id = any($1)")
                .executeAndAwait(Tuple.of((Object) batch.stream().map(r -> r.envelope().id())
                        .toArray(String[]::new)))) {
            known.add(row.getString(0));
        }
        return known;
    }
}
