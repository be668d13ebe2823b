package com.podflow.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.ValidationPassed;
import com.podflow.support.messaging.BatchConsumer.Incoming;
import com.podflow.support.messaging.BatchConsumer.Received;
import com.podflow.support.messaging.BatchConsumer.Rejected;

/** The plumbing's rules without a broker: what is handled, retried, split and parked, and in which order. */
class BatchConsumerTest {
    private final BatchConsumer consumer = new BatchConsumer("orders.test", Duration.ofMillis(1),
            Duration.ofMillis(5));
    private final List<String> parked = Collections.synchronizedList(new ArrayList<>());

    private Incoming record(long offset, String orderId) {
        EventEnvelope envelope = EventEnvelope.wrap(new ValidationPassed(orderId, 1, "v" + offset, Instant.now()),
                "/test", "client", 1, null);
        return new Incoming(EventCodec.encode(envelope), orderId, 0, offset, reason -> {
            parked.add(offset + ": " + reason.getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }

    private Incoming poison(long offset) {
        return new Incoming("{not json", "k", 0, offset, reason -> {
            parked.add(offset + ": " + reason.getClass().getSimpleName());
            return CompletableFuture.completedFuture(null);
        });
    }

    private static List<Long> offsets(List<Received> records) {
        return records.stream().map(Received::offset).toList();
    }

    @Test
    void readableRecordsAreHandledTogetherInOrderAndPoisonIsParked() {
        // given
        List<List<Long>> calls = new ArrayList<>();

        // when
        consumer.process(List.of(record(1, "a"), poison(2), record(3, "b"), record(4, "a")), records -> {
            calls.add(offsets(records));
            return Uni.createFrom().item(List.of());
        }).await().atMost(Duration.ofSeconds(5));

        // then
        assertThat(calls).containsExactly(List.of(1L, 3L, 4L));
        assertThat(parked).containsExactly("2: EventDecodingException");
    }

    @Test
    void aTransientFailureRepeatsTheWholeBatchAndParksNothing() {
        // given
        AtomicInteger calls = new AtomicInteger();

        // when
        consumer.process(List.of(record(1, "a"), record(2, "b")), records -> calls.incrementAndGet() < 3
                ? Uni.createFrom().failure(new java.net.ConnectException("database away"))
                : Uni.createFrom().item(List.of())).await().atMost(Duration.ofSeconds(5));

        // then
        assertThat(calls).hasValue(3);
        assertThat(parked).isEmpty();
    }

    @Test
    void aRefusedBatchIsHandledOneRecordAtATimeAndOnlyTheCulpritIsParked() {
        // given a handler that refuses any batch holding offset 2
        List<List<Long>> calls = new ArrayList<>();

        // when
        consumer.process(List.of(record(1, "a"), record(2, "b"), record(3, "c")), records -> {
            calls.add(offsets(records));
            return offsets(records).contains(2L)
                    ? Uni.createFrom().failure(new IllegalStateException("offset 2 is bad"))
                    : Uni.createFrom().item(List.of());
        }).await().atMost(Duration.ofSeconds(5));

        // then
        assertThat(calls).containsExactly(List.of(1L, 2L, 3L), List.of(1L), List.of(2L), List.of(3L));
        assertThat(parked).containsExactly("2: offset 2 is bad");
    }

    @Test
    void recordsTheHandlerRejectsAreParkedInOffsetOrderWithPoison() {
        // when
        consumer.process(List.of(poison(5), record(1, "a"), record(3, "b")), records -> Uni.createFrom()
                .item(List.of(new Rejected(records.get(1), new IllegalArgumentException("the fold refuses it")))))
                .await().atMost(Duration.ofSeconds(5));

        // then
        assertThat(parked).containsExactly("3: the fold refuses it", "5: EventDecodingException");
    }

    @Test
    void perKeyRunsOneOrdersRecordsInOrderAndOtherOrdersAlongside() {
        // given records of a, b, a, c, a
        List<Received> records = new ArrayList<>();
        String[] keys = {"a", "b", "a", "c", "a"};
        for (int i = 0; i < keys.length; i++) {
            records.add(new Received(EventCodec.decode(record(i, keys[i]).payload()), 0, i));
        }
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();

        // when every step takes a moment, so that lanes overlap
        List<Long> results = BatchConsumer.perKey(records, r -> Uni.createFrom().item(r.offset())
                .invoke(() -> maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max))
                .onItem().delayIt().by(Duration.ofMillis(20))
                .invoke(o -> {
                    running.decrementAndGet();
                    seen.computeIfAbsent(r.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(o);
                })).await().atMost(Duration.ofSeconds(5));

        // then
        assertThat(results).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(seen.get("a")).containsExactly(0L, 2L, 4L);
        assertThat(maxRunning.get()).isGreaterThan(1).isLessThanOrEqualTo(3);
    }

    @Test
    void theTransientRuleRefusesRecordsAndRetriesOutages() {
        assertThat(Failures.isTransient(new IllegalArgumentException("x"))).isFalse();
        assertThat(Failures.isTransient(new RuntimeException(new IllegalStateException("x")))).isFalse();
        assertThat(Failures.isTransient(new io.vertx.pgclient.PgException("bad", "ERROR", "23505", "dup")))
                .isFalse();
        assertThat(Failures.isTransient(new io.vertx.pgclient.PgException("deadlock", "ERROR", "40P01", "d")))
                .isTrue();
        assertThat(Failures.isTransient(new java.net.ConnectException("refused"))).isTrue();
        assertThat(Failures.isTransient(new org.apache.kafka.common.errors.RecordTooLargeException("big"))).isFalse();
        assertThat(Failures.isTransient(new org.apache.kafka.common.errors.TimeoutException("slow"))).isTrue();
    }
}
