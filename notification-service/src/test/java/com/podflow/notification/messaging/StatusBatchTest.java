package com.podflow.notification.messaging;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;
import com.podflow.notification.api.PostbackReceiver;

/**
 * The batched consumer through the real broker and database: a poll's status changes are scheduled in one
 * transaction, poison in a batch is parked alone, a repeated batch schedules nothing twice, and many changes at once
 * are each delivered once and in order per order and endpoint.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class StatusBatchTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final FulfillmentStatus[] STATUSES = {FulfillmentStatus.RECEIVED, FulfillmentStatus.PASSED,
            FulfillmentStatus.CREATED, FulfillmentStatus.SHIPPED};

    static PostbackReceiver receiver;
    static KafkaProducer<String, String> producer;

    @Inject
    Pool pool;

    @BeforeAll
    static void start() {
        receiver = PostbackReceiver.start();
        // records sent together reach the broker as one batch per partition, and so one poll of the consumer
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaPostgresTestResource.infra().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1000,
                ProducerConfig.BATCH_SIZE_CONFIG, 4 * 1024 * 1024),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close(Duration.ofSeconds(5));
        receiver.close();
    }

    /** Sends the records together and waits until the broker has them all; {@code partition} null: by key. */
    static void sendTogether(Integer partition, List<Map.Entry<String, String>> keyedValues) throws Exception {
        var sent = new ArrayList<java.util.concurrent.Future<?>>();
        for (Map.Entry<String, String> record : keyedValues) {
            var producerRecord = new ProducerRecord<>(Topics.ORDERS_STATUS, partition, record.getKey(),
                    record.getValue());
            producerRecord.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(producerRecord));
        }
        producer.flush();
        for (var future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    static Map.Entry<String, String> record(EventEnvelope envelope) {
        return Map.entry(envelope.key(), EventCodec.encode(envelope));
    }

    static EventEnvelope statusChanged(String clientId, String orderId, int sequence) {
        var order = new Order("ref-" + orderId, "order", null, "EUR", null, null, "normal", null, null, List.of(), null,
                List.of());
        var change = new OrderStatusChanged(orderId, clientId, "ref-" + orderId, sequence,
                sequence == 1 ? null : STATUSES[sequence - 2], STATUSES[sequence - 1], "test", 1, null, null, order,
                Instant.now());
        return EventEnvelope.wrap(change, "/order-ledger", clientId, 1, null);
    }

    static String newClientWithPostback(String path) {
        String clientId = "client-" + UUID.randomUUID();
        given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path)))
                .put("/admin/v1/clients/{clientId}/postback", clientId)
                .then().statusCode(200);
        return clientId;
    }

    static String deadLetterReason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    static String field(PostbackReceiver.Request request, String name) {
        try {
            return JSON.readTree(request.body()).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().indefinitely().iterator().next()
                .getLong(0);
    }

    @Test
    void poisonInABatchIsParkedAloneAndTheBatchsOtherChangesAreScheduledInOneTransaction() throws Exception {
        // given a client, and one poll's worth of records on one partition: changes of three orders with an unreadable
        // record and an event that does not belong on the topic among them
        String path = "/ok/poison-" + UUID.randomUUID();
        String clientId = newClientWithPostback(path);
        String orderA = UUID.randomUUID().toString();
        String orderB = UUID.randomUUID().toString();
        String orderC = UUID.randomUUID().toString();
        EventEnvelope a1 = statusChanged(clientId, orderA, 1);
        EventEnvelope b1 = statusChanged(clientId, orderB, 1);
        EventEnvelope a2 = statusChanged(clientId, orderA, 2);
        EventEnvelope c1 = statusChanged(clientId, orderC, 1);
        String poisonKey = "poison-" + UUID.randomUUID();
        EventEnvelope wrongType = EventEnvelope.wrap(new OrderReceived(poisonKey, clientId, 1, "api", null,
                Instant.now()), "/test", clientId, 1, null);

        // when
        sendTogether(0, List.of(record(a1), Map.entry(poisonKey, "{this is not an event"), record(b1),
                record(wrongType), record(a2), record(c1)));

        // then only the two poison records are parked, with their reasons, in their order
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_STATUS),
                r -> poisonKey.equals(r.key()), 2, WAIT);
        assertThat(dead).extracting(StatusBatchTest::deadLetterReason)
                .satisfiesExactly(reason -> assertThat(reason).contains("not JSON"),
                        reason -> assertThat(reason).contains("does not belong on orders.status"));
        // and every status change is delivered, A's two in order
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 4);
        assertThat(receiver.accepted(path)).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrder(a1.id(), b1.id(), a2.id(), c1.id());
        assertThat(receiver.accepted(path)).filteredOn(r -> orderA.equals(field(r, "orderId")))
                .extracting(r -> r.header("webhook-id")).containsExactly(a1.id(), a2.id());
        // in one transaction: the rows that mark them handled carry one transaction time
        assertThat(count("select count(distinct handled_at) from notification.handled_events"
                + " where event_id = any($1::text[])", (Object) new String[]{a1.id(), b1.id(), a2.id(), c1.id()}))
                .isEqualTo(1);
        // and nothing was scheduled for the poison
        assertThat(count("select count(*) from notification.deliveries where client_id = $1", clientId)).isEqualTo(4);
    }

    @Test
    void aChangeThatPostgresRefusesIsParkedAloneAndTheRestOfItsBatchIsScheduled() throws Exception {
        // given a change whose order id PostgreSQL cannot store as text (NUL), between two good ones, in one poll
        String path = "/ok/refused-" + UUID.randomUUID();
        String clientId = newClientWithPostback(path);
        EventEnvelope before = statusChanged(clientId, UUID.randomUUID().toString(), 1);
        EventEnvelope refused = statusChanged(clientId, "bad\u0000order-" + UUID.randomUUID(), 1);
        EventEnvelope after = statusChanged(clientId, UUID.randomUUID().toString(), 1);

        // when
        sendTogether(0, List.of(record(before), record(refused), record(after)));

        // then
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_STATUS),
                r -> refused.key().equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 2);
        assertThat(receiver.accepted(path)).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrder(before.id(), after.id());
        assertThat(count("select count(*) from notification.handled_events where event_id = $1", refused.id()))
                .isZero();
    }

    @Test
    void manyChangesAtOnceAreEachDeliveredOnceAndInOrderPerOrderAndEndpoint() throws Exception {
        // given a client with a postback URL and a webhook: two endpoints, so two lanes per order
        String postbackPath = "/ok/many-postback-" + UUID.randomUUID();
        String webhookPath = "/ok/many-webhook-" + UUID.randomUUID();
        String clientId = newClientWithPostback(postbackPath);
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(webhookPath), "eventTypes",
                List.of("order_status_updated")))
                .post("/internal/v1/clients/{clientId}/webhooks", clientId).then().statusCode(201);
        int orders = 100;
        int changesPerOrder = 3;
        List<String> orderIds = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < orders; i++) {
            orderIds.add(UUID.randomUUID().toString());
        }
        // the changes interleaved as the ledger would emit them for orders moving at once
        for (int sequence = 1; sequence <= changesPerOrder; sequence++) {
            for (String orderId : orderIds) {
                EventEnvelope envelope = statusChanged(clientId, orderId, sequence);
                eventIds.add(envelope.id());
                records.add(record(envelope));
            }
        }

        // when all 300 arrive at once (by key: each order on its partition, in order)
        sendTogether(null, records);

        // then each is delivered to each endpoint exactly once
        int expected = orders * changesPerOrder;
        await().atMost(WAIT).until(() -> receiver.accepted(postbackPath).size() >= expected
                && receiver.accepted(webhookPath).size() >= expected);
        for (String path : List.of(postbackPath, webhookPath)) {
            assertThat(receiver.requests(path)).as("requests to %s", path).hasSize(expected)
                    .extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(eventIds);
            // and, per order, in the order of its changes
            Map<String, List<Long>> sequences = new LinkedHashMap<>();
            for (PostbackReceiver.Request request : receiver.requests(path)) {
                sequences.computeIfAbsent(field(request, "orderId"), o -> new ArrayList<>())
                        .add(Long.parseLong(field(request, "sequence")));
            }
            assertThat(sequences).hasSize(orders)
                    .allSatisfy((order, seen) -> assertThat(seen).as("order %s to %s", order, path)
                            .containsExactly(1L, 2L, 3L));
        }
        assertThat(count("select count(*) from notification.delivery_attempts a join notification.deliveries d"
                + " on d.id = a.delivery_id where d.client_id = $1 and a.attempt = 1 and a.outcome = 'delivered'",
                clientId)).isEqualTo(2L * expected);
    }

    @Test
    void aRedeliveredBatchSchedulesNothingTwice() throws Exception {
        // given a batch that was scheduled and delivered
        String path = "/ok/again-" + UUID.randomUUID();
        String clientId = newClientWithPostback(path);
        String orderA = UUID.randomUUID().toString();
        String orderB = UUID.randomUUID().toString();
        List<EventEnvelope> batch = List.of(statusChanged(clientId, orderA, 1), statusChanged(clientId, orderB, 1),
                statusChanged(clientId, orderA, 2));
        sendTogether(0, batch.stream().map(StatusBatchTest::record).toList());
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 3);

        // when the same records come again (as after a crash before the offsets were committed), one of them twice,
        // followed in the same poll by a new change
        EventEnvelope next = statusChanged(clientId, orderB, 2);
        List<Map.Entry<String, String>> again = new ArrayList<>(batch.stream().map(StatusBatchTest::record).toList());
        again.add(record(batch.get(0)));
        again.add(record(next));
        sendTogether(0, again);

        // then the new change is delivered, and nothing else was scheduled or sent again
        await().atMost(WAIT).until(() -> receiver.requests(path).stream()
                .anyMatch(r -> next.id().equals(r.header("webhook-id"))));
        assertThat(receiver.requests(path)).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrder(batch.get(0).id(), batch.get(1).id(), batch.get(2).id(), next.id());
        assertThat(count("select count(*) from notification.deliveries where client_id = $1", clientId))
                .isEqualTo(4);
        List<Row> perEvent = new ArrayList<>();
        pool.preparedQuery("select event_id, count(*) from notification.deliveries where client_id = $1"
                + " group by event_id having count(*) > 1").execute(Tuple.of(clientId)).await().indefinitely()
                .forEach(perEvent::add);
        assertThat(perEvent).isEmpty();
    }
}
