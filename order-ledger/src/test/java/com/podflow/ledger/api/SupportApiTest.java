package com.podflow.ledger.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.infra.KafkaPostgresTestResource;

/** Support's read side on a real broker and database: admin order access, the timeline, the dead-letter reader. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class SupportApiTest {
    static final String CLIENT = "client-" + UUID.randomUUID();
    static final String OTHER_CLIENT = "client-" + UUID.randomUUID();

    static EventEnvelope send(String topic, String clientId, OrderEvent event, int attempt) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test-producer", clientId, attempt, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static String received(String clientId, String reference) {
        String orderId = UUID.randomUUID().toString();
        send(Topics.ORDERS_INTAKE, clientId, new OrderReceived(orderId, clientId, 1, "api",
                LedgerFlowTest.order(reference), Instant.now()), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/orders/{id}", orderId).then().statusCode(200));
        return orderId;
    }

    @Test
    void operatorsFindAnyClientsOrderByIdOrByReferenceWithItsClient() {
        // given two clients' orders under the same reference
        String reference = "shared-" + UUID.randomUUID();
        String mine = received(CLIENT, reference);
        String theirs = received(OTHER_CLIENT, reference);

        // then by id, without naming the client
        given().get("/internal/v1/orders/{id}", theirs).then().statusCode(200)
                .body("id", equalTo(theirs)).body("clientId", equalTo(OTHER_CLIENT));
        // by reference only with the client
        given().queryParam("clientId", CLIENT).get("/internal/v1/orders/{ref}", reference).then().statusCode(200)
                .body("id", equalTo(mine));
        given().get("/internal/v1/orders/{ref}", reference).then().statusCode(404).body("code", equalTo(404));

        // and a search spans the clients, or one of them
        given().contentType(ContentType.JSON).body(Map.of("orderReferenceIds", List.of(reference)))
                .post("/internal/v1/orders/search").then().statusCode(200)
                .body("orders", hasSize(2));
        given().contentType(ContentType.JSON).queryParam("clientId", OTHER_CLIENT)
                .body(Map.of("orderReferenceIds", List.of(reference)))
                .post("/internal/v1/orders/search").then().statusCode(200)
                .body("orders.id", equalTo(List.of(theirs)));
    }

    @Test
    void theTimelineListsEveryEventWithTheRecordItWasReadFrom() {
        // given
        String orderId = received(CLIENT, "timeline-" + UUID.randomUUID());
        send(Topics.ORDERS_VALIDATION, CLIENT, new ValidationPassed(orderId, 1, Validators.DATA, Instant.now()), 1);
        send(Topics.ORDERS_VALIDATION, CLIENT, new ValidationFailed(orderId, 1, Validators.FILES,
                List.of(new ValidationFailed.Finding(RefusalCodes.MISSING_REQUIRED_FIELD, "items[0].files",
                        "items[0].files is required")),
                Instant.now()), 1);
        List<ConsumerRecord<String, String>> intake = kafka().await(Topics.ORDERS_INTAKE,
                r -> orderId.equals(r.key()), 1, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> validation = kafka().await(Topics.ORDERS_VALIDATION,
                r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30));

        // when
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/orders/{id}/timeline", orderId).then().statusCode(200)
                .body("entries", hasSize(3)));
        JsonPath timeline = given().get("/internal/v1/orders/{id}/timeline", orderId).then().statusCode(200)
                .body("clientId", equalTo(CLIENT))
                // product and rules have not reported: the attempt is not decided yet (ADR 28)
                .body("status", equalTo("received"))
                .extract().jsonPath();

        // then every entry names its topic, partition, offset and producer, in the recorded order
        assertThat(timeline.getList("entries.type", String.class)).containsExactly("order.received",
                "order.validation-passed", "order.validation-failed");
        assertThat(timeline.getList("entries.topic", String.class)).containsExactly(Topics.ORDERS_INTAKE,
                Topics.ORDERS_VALIDATION, Topics.ORDERS_VALIDATION);
        assertThat(timeline.getList("entries.partition", Integer.class)).containsExactly(
                intake.get(0).partition(), validation.get(0).partition(), validation.get(1).partition());
        assertThat(timeline.getList("entries.offset", Long.class)).containsExactly(intake.get(0).offset(),
                validation.get(0).offset(), validation.get(1).offset());
        assertThat(timeline.getList("entries.producer", String.class)).containsOnly("/test-producer");
        assertThat(timeline.getList("entries.attempt", Integer.class)).containsOnly(1);
        assertThat(timeline.getString("entries[0].gapMs")).isNull();
        assertThat(timeline.getLong("entries[2].gapMs")).isGreaterThanOrEqualTo(0);
        assertThat(timeline.getString("entries[2].validator")).isEqualTo(Validators.FILES);
        assertThat(timeline.getString("entries[2].outcome")).isEqualTo("failed");
        assertThat(timeline.getList("entries[2].codes", String.class))
                .containsExactly(RefusalCodes.MISSING_REQUIRED_FIELD);
        assertThat(timeline.getString("entries[1].outcome")).isEqualTo("passed");

        given().get("/internal/v1/orders/{id}/timeline", UUID.randomUUID().toString()).then().statusCode(404);
    }

    @Test
    void aParkedRecordIsStoredWithItsGroupAndReasonAndReplayedToItsSourceTopic() {
        // given an order, and a record of it that the ledger's validation consumer cannot read
        String orderId = received(CLIENT, "parked-" + UUID.randomUUID());
        String poison = "{\"specversion\":\"1.0\",\"not\":\"an event of " + orderId + "\"}";

        // when
        kafka().send(Topics.ORDERS_VALIDATION, orderId, poison);

        // then the reader stores it with the group that parked it and why
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("orderId", orderId)
                .get("/internal/v1/dead-letters").then().statusCode(200)
                .body("deadLetters", hasSize(1)));
        JsonPath parked = given().queryParam("orderId", orderId).queryParam("status", "parked")
                .get("/internal/v1/dead-letters").then().statusCode(200)
                .body("deadLetters[0].dlqTopic", equalTo("orders.validation.dlq"))
                .body("deadLetters[0].sourceTopic", equalTo(Topics.ORDERS_VALIDATION))
                .body("deadLetters[0].consumerGroup", equalTo("order-ledger.validation"))
                .body("deadLetters[0].reason", notNullValue())
                .body("deadLetters[0].payload", equalTo(poison))
                .body("deadLetters[0].status", equalTo("parked"))
                .extract().jsonPath();
        long id = parked.getLong("deadLetters[0].id");
        assertThat(parked.getLong("deadLetters[0].sourceOffset")).isGreaterThanOrEqualTo(0);

        // and it shows in the order's timeline
        given().get("/internal/v1/orders/{id}/timeline", orderId).then().statusCode(200)
                .body("entries.find { it.source == 'dead-letter' }.deadLetterId", equalTo((int) id))
                .body("entries.find { it.source == 'dead-letter' }.consumerGroup",
                        equalTo("order-ledger.validation"));
        // and the operator's view of the order says it waits on it, before what the fold expects
        given().get("/internal/v1/orders/{id}", orderId).then().statusCode(200)
                .body("waitingFor[0].input", equalTo("dead_letter"))
                .body("waitingFor[0].source", equalTo("order-ledger.validation"))
                .body("waitingFor[0].detail", containsString("dead letter " + id))
                .body("waitingFor.input", hasItem("validator"));

        // when replayed, it is on its source topic again: same key and value, without the dead-letter headers
        given().post("/internal/v1/dead-letters/{id}/replay", id).then().statusCode(200)
                .body("status", equalTo("replayed")).body("replayCount", equalTo(1));
        List<ConsumerRecord<String, String>> onSource = kafka().await(Topics.ORDERS_VALIDATION,
                r -> orderId.equals(r.key()) && poison.equals(r.value()), 2, Duration.ofSeconds(30));
        ConsumerRecord<String, String> replayed = onSource.get(1);
        assertThat(replayed.headers().lastHeader("dead-letter-reason")).isNull();
        assertThat(replayed.headers().lastHeader("dead-letter-group")).isNull();

        // (still poison: the consumer parks it again, as a new dead-letter record)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("orderId", orderId)
                .queryParam("status", "parked").get("/internal/v1/dead-letters").then().statusCode(200)
                .body("deadLetters", hasSize(1)).body("deadLetters[0].id", org.hamcrest.Matchers.not((int) id)));

        // resolving closes it; replaying the order's parked records takes the rest
        given().post("/internal/v1/dead-letters/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("resolved"));
        given().post("/internal/v1/dead-letters/replay?orderId={id}", orderId).then().statusCode(200)
                .body("replayed", equalTo(1));
        given().get("/internal/v1/dead-letters?status=lost").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().post("/internal/v1/dead-letters/replay").then().statusCode(400)
                .body("errors[0].field", equalTo("orderId"));
        given().post("/internal/v1/dead-letters/{id}/replay", 999_999_999L).then().statusCode(404);
        assertThat(new String(kafka().await(Topics.deadLetter(Topics.ORDERS_VALIDATION),
                r -> orderId.equals(r.key()), 1, Duration.ofSeconds(30)).get(0).headers()
                .lastHeader("dead-letter-group").value(), StandardCharsets.UTF_8))
                .isEqualTo("order-ledger.validation");
    }
}
