package com.podflow.ledger.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.ledger.persistence.LedgerRepository;

/** The ledger on a real broker and database: events in, projection and OrderStatusChanged out. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class LedgerFlowTest {

    @Inject
    LedgerRepository repository;

    static String clientId = "client-" + UUID.randomUUID();

    static EventEnvelope send(String topic, OrderEvent event, Integer attempt) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", clientId, attempt, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static Order order(String reference) {
        return new Order(reference, "order", null, "EUR", null, null, "normal", null, null, List.of(), null, null);
    }

    @Test
    void anOrderPassedByEveryValidatorIsCreatedAndAnnounced() {
        // given
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now();

        // when
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, clientId, 1, "api", order("ref-ok"), now), 1);
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.DATA, now), 1);
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, now), 1);
        var choice = new ValidationPassed.ShipmentChoice("normal", "PostNord", "PostNord", "normal",
                new BigDecimal("3.90"), "EUR", 1, 3, "se-stockholm-1", "SE");
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, now,
                new ValidationPassed.Resolution(choice, null)), 1);
        EventEnvelope files = send(Topics.ORDERS_VALIDATION,
                new ValidationPassed(orderId, 1, Validators.FILES, now), 1);

        // then the projection answers by id and by reference
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200).body("fulfillmentStatus", equalTo("created")));
        given().get("/internal/v1/clients/{client}/orders/{ref}", clientId, "ref-ok")
                .then().statusCode(200)
                .body("id", equalTo(orderId))
                .body("statusHistory.status", equalTo(List.of("received", "passed", "created")))
                .body("shipment.shipmentMethodUid", equalTo("normal"))
                .body("shipment.fulfillmentFacilityId", equalTo("se-stockholm-1"));

        // and every change went out on orders.status, in order
        List<ConsumerRecord<String, String>> changes = kafka().await(Topics.ORDERS_STATUS,
                r -> orderId.equals(r.key()), 3, Duration.ofSeconds(30));
        assertThat(changes).extracting(r -> ((OrderStatusChanged) EventCodec.decode(r.value()).data()).status()
                .wireName()).containsExactly("received", "passed", "created");
        assertThat(new String(changes.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventCodec.CONTENT_TYPE);

        // a redelivered event is recorded once and changes nothing
        kafka().send(Topics.ORDERS_VALIDATION, files.key(), EventCodec.encode(files));
        EventEnvelope marker = send(Topics.ORDERS_VALIDATION,
                new ValidationPassed(orderId, 1, "marker", Instant.now()), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> repository.eventTypes(orderId).await().indefinitely()
                .size() == 6);
        assertThat(marker.id()).isNotBlank();
    }

    @Test
    void aFailedValidationFailsTheOrderWithItsReason() {
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now();

        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, clientId, 1, "api", order("ref-bad"), now), 1);
        send(Topics.ORDERS_VALIDATION, new ValidationFailed(orderId, 1, Validators.DATA,
                List.of(new ValidationFailed.Finding(RefusalCodes.MISSING_REQUIRED_FIELD, "shippingAddress.country",
                        "shippingAddress.country is required")),
                now), 1);
        // the attempt is decided once every required validator reported (ADR 0028)
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, now), 1);
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, now), 1);
        send(Topics.ORDERS_VALIDATION, new ValidationFailed(orderId, 1, Validators.FILES,
                List.of(new ValidationFailed.Finding(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[0].url", "404")),
                now), 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200)
                .body("fulfillmentStatus", equalTo("failed"))
                .body("refusalReasonCode", equalTo("missing_required_field"))
                .body("refusalReason", equalTo("shippingAddress.country is required")));
    }

    @Test
    void anotherClientDoesNotSeeTheOrder() {
        String orderId = UUID.randomUUID().toString();
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, clientId, 1, "api", order("ref-mine"), Instant.now()),
                1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId).then().statusCode(200));

        given().get("/internal/v1/clients/{client}/orders/{id}", "someone-else", orderId)
                .then().statusCode(404).body("code", equalTo(404));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillApplied() {
        // given
        String poisonKey = "poison-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();

        // when
        kafka().send(Topics.ORDERS_INTAKE, poisonKey, "{this is not an event");
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, clientId, 1, "api", order("ref-after"), Instant.now()),
                1);

        // then
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("not JSON");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200).body("fulfillmentStatus", equalTo("received")));
    }
}
