package com.podflow.validation.messaging;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderReceived;
import com.podflow.events.Topics;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * The intake channel in batch mode on a real broker: many orders arriving together each get exactly their three
 * results, and a poison record in their midst is parked alone.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class BatchFlowTest {
    private static final Logger LOG = Logger.getLogger(BatchFlowTest.class);
    static final List<String> VALIDATORS = List.of(Validators.DATA, Validators.PRODUCT, Validators.RULES);

    /** An OrderReceived of the test client, as intake-api puts it on {@code orders.intake}. */
    static EventEnvelope received(String orderId) {
        return EventEnvelope.wrap(new OrderReceived(orderId, ValidationFlowTest.CLIENT_ID, 1, "api",
                ValidationFlowTest.order("SE"), Instant.now()), "/test", ValidationFlowTest.CLIENT_ID, 1, null);
    }

    /** The ids the three results of each intake event must carry, by order id. */
    static Map<String, Set<String>> expectedIds(List<EventEnvelope> intake) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (EventEnvelope in : intake) {
            for (String validator : VALIDATORS) {
                ids.computeIfAbsent(in.key(), k -> new HashSet<>()).add(EventEnvelope.derivedId(in.id(), validator));
            }
        }
        return ids;
    }

    @Test
    void aPoisonRecordInABatchIsParkedAloneAndEveryOtherOrderOfTheBatchIsValidated() {
        // given ten orders, a record that is no event and one that is not an order, in one produce request to one
        // partition: they reach the service in one poll
        List<EventEnvelope> orders = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        String poisonKey = "poison-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            EventEnvelope in = received(UUID.randomUUID().toString());
            orders.add(in);
            records.add(new ProducerRecord<>(Topics.ORDERS_INTAKE, 0, in.key(), EventCodec.encode(in)));
            if (i == 4) {
                records.add(new ProducerRecord<>(Topics.ORDERS_INTAKE, 0, poisonKey, "{this is not an event"));
                EventEnvelope other = EventEnvelope.wrap(new ValidationPassed(in.key(), 1, "someone-else",
                        Instant.now()), "/test", ValidationFlowTest.CLIENT_ID, 1, null);
                records.add(new ProducerRecord<>(Topics.ORDERS_INTAKE, 0, other.key(), EventCodec.encode(other)));
            }
        }
        Map<String, Set<String>> expected = expectedIds(orders);

        // when
        kafka().sendAtOnce(records);

        // then every order gets its three results
        List<ConsumerRecord<String, String>> results = kafka().await(Topics.ORDERS_VALIDATION,
                r -> expected.containsKey(r.key()), 30, ValidationFlowTest.WAIT);
        assertThat(results).hasSize(30);
        assertThat(results).allSatisfy(r -> assertThat(expected.get(r.key()))
                .contains(EventCodec.decode(r.value()).id()));
        // and the poison record, only it, is on the dead-letter topic with the reason
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()), 1, ValidationFlowTest.WAIT);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not JSON");
            assertThat(r.value()).isEqualTo("{this is not an event");
        });
        assertThat(kafka().readToEnd(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()) || expected.containsKey(r.key())))
                .extracting(ConsumerRecord::key).containsExactly(poisonKey);
    }

    @Test
    void twoHundredOrdersSentAtOnceGetExactlyTheirThreeResultsEach() {
        // given
        List<EventEnvelope> orders = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            EventEnvelope in = received(UUID.randomUUID().toString());
            orders.add(in);
            records.add(new ProducerRecord<>(Topics.ORDERS_INTAKE, in.key(), EventCodec.encode(in)));
        }
        Map<String, Set<String>> expected = expectedIds(orders);

        // when
        long started = System.nanoTime();
        kafka().sendAtOnce(records);

        // then
        assertThat(kafka().await(Topics.ORDERS_VALIDATION, r -> expected.containsKey(r.key()), 600,
                Duration.ofSeconds(60))).hasSize(600);
        LOG.infof("200 orders sent at once: their 600 results were on %s after %d ms", Topics.ORDERS_VALIDATION,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        List<ConsumerRecord<String, String>> results = kafka().readToEnd(Topics.ORDERS_VALIDATION,
                r -> expected.containsKey(r.key()));
        assertThat(results).hasSize(600);
        Map<String, Set<String>> actual = new HashMap<>();
        for (ConsumerRecord<String, String> r : results) {
            EventEnvelope out = EventCodec.decode(r.value());
            actual.computeIfAbsent(r.key(), k -> new HashSet<>()).add(out.id());
            assertThat(out.data()).as("result %s of order %s", out.id(), r.key())
                    .isInstanceOf(ValidationPassed.class);
        }
        assertThat(actual).isEqualTo(expected);
    }
}
