package com.podflow.ledger.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * The ledger consumes a poll at a time, one transaction per batch: these tests send records in bursts, so that
 * batches hold many orders, several events of one order, poison and refused records, and check the guarantees.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class LedgerBatchTest {
    static final String CLIENT = "client-" + UUID.randomUUID();

    static Map.Entry<String, String> record(OrderEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", CLIENT, 1, null);
        return Map.entry(envelope.key(), EventCodec.encode(envelope));
    }

    static String status(String orderId) {
        return given().get("/internal/v1/clients/{client}/orders/{id}", CLIENT, orderId)
                .then().extract().path("fulfillmentStatus");
    }

    @Test
    void aBurstOfOrdersIsFoldedInOrderPerOrderAndAnnouncedOnce() {
        // given 150 orders, each received and then passed by the four validators, sent in bursts
        List<String> orderIds = new ArrayList<>();
        List<Map.Entry<String, String>> intake = new ArrayList<>();
        List<Map.Entry<String, String>> results = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 150; i++) {
            String orderId = UUID.randomUUID().toString();
            orderIds.add(orderId);
            intake.add(record(new OrderReceived(orderId, CLIENT, 1, "api", LedgerFlowTest.order("burst-" + i),
                    now)));
            for (String validator : List.of(Validators.DATA, Validators.PRODUCT, Validators.RULES,
                    Validators.FILES)) {
                results.add(record(new ValidationPassed(orderId, 1, validator, now)));
            }
        }

        // when the results may even arrive before the orders: both topics are consumed at once
        kafka().sendAll(Topics.ORDERS_VALIDATION, results);
        kafka().sendAll(Topics.ORDERS_INTAKE, intake);

        // then every order is created, with its history in order
        await().atMost(Duration.ofSeconds(60))
                .until(() -> orderIds.stream().allMatch(id -> "created".equals(status(id))));
        for (String orderId : orderIds.subList(0, 10)) {
            List<String> history = given().get("/internal/v1/clients/{client}/orders/{id}", CLIENT, orderId)
                    .then().extract().path("statusHistory.status");
            assertThat(history).containsExactly("received", "passed", "created");
        }
        // and each status change went out exactly once per order, in sequence
        Set<String> ids = Set.copyOf(orderIds);
        List<ConsumerRecord<String, String>> changes = kafka().await(Topics.ORDERS_STATUS,
                r -> ids.contains(r.key()), 450, Duration.ofSeconds(60));
        Map<String, List<OrderStatusChanged>> byOrder = changes.stream()
                .map(r -> (OrderStatusChanged) EventCodec.decode(r.value()).data())
                .collect(Collectors.groupingBy(OrderStatusChanged::orderId));
        assertThat(byOrder).hasSize(150);
        byOrder.values().forEach(list -> {
            assertThat(list).extracting(c -> c.status().wireName()).containsExactly("received", "passed",
                    "created");
            assertThat(list).isSortedAccordingTo(Comparator.comparingLong(OrderStatusChanged::sequence));
        });
    }

    @Test
    void aBatchWithPoisonAndARefusedEventParksOnlyThoseAndAppliesTheRest() {
        // given an unreadable record, an event the fold refuses (its subject names another order than its data),
        // and twenty good orders, in one burst
        String poisonKey = "poison-" + UUID.randomUUID();
        String refusedOrder = UUID.randomUUID().toString();
        String refused = record(new OrderReceived(UUID.randomUUID().toString(), CLIENT, 1, "api",
                LedgerFlowTest.order("refused"), Instant.now())).getValue()
                .replaceFirst("\"subject\":\"[^\"]+\"", "\"subject\":\"" + refusedOrder + "\"");
        List<Map.Entry<String, String>> burst = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i == 5) {
                burst.add(Map.entry(poisonKey, "{\"specversion\":\"1.0\",\"type\":\"no.such.type\"}"));
            }
            if (i == 12) {
                burst.add(Map.entry(refusedOrder, refused));
            }
            String orderId = UUID.randomUUID().toString();
            good.add(orderId);
            burst.add(record(new OrderReceived(orderId, CLIENT, 1, "api", LedgerFlowTest.order("good-" + i),
                    Instant.now())));
        }

        // when
        kafka().sendAll(Topics.ORDERS_INTAKE, burst);

        // then the two bad records are parked with their reasons
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()) || refusedOrder.equals(r.key()), 2, Duration.ofSeconds(60));
        assertThat(dead).extracting(r -> new String(r.headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8))
                .anySatisfy(reason -> assertThat(reason).contains("unknown event type"))
                .anySatisfy(reason -> assertThat(reason).contains("folded into order " + refusedOrder));
        // and every good order of the burst is received
        await().atMost(Duration.ofSeconds(60))
                .until(() -> good.stream().allMatch(id -> "received".equals(status(id))));
        given().get("/internal/v1/clients/{client}/orders/{id}", CLIENT, refusedOrder).then().statusCode(404);
    }

    @Test
    void theSameRecordsDeliveredTwiceAreAppliedOnce() {
        // given one order's events, sent twice in one burst (a redelivery after a crash)
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<Map.Entry<String, String>> once = List.of(
                record(new ValidationPassed(orderId, 1, Validators.DATA, now)),
                record(new ValidationPassed(orderId, 1, Validators.PRODUCT, now)),
                record(new ValidationPassed(orderId, 1, Validators.RULES, now)),
                record(new ValidationPassed(orderId, 1, Validators.FILES, now)));
        List<Map.Entry<String, String>> twice = new ArrayList<>(once);
        twice.addAll(once);
        Map.Entry<String, String> received = record(new OrderReceived(orderId, CLIENT, 1, "api",
                LedgerFlowTest.order("twice"), now));

        // when
        kafka().sendAll(Topics.ORDERS_VALIDATION, twice);
        kafka().sendAll(Topics.ORDERS_INTAKE, List.of(received, received));

        // then
        await().atMost(Duration.ofSeconds(60)).until(() -> "created".equals(status(orderId)));
        List<ConsumerRecord<String, String>> changes = kafka().await(Topics.ORDERS_STATUS,
                r -> orderId.equals(r.key()), 4, Duration.ofSeconds(5));
        assertThat(changes).hasSize(3);
    }
}
