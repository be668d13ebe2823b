package com.podflow.ledger.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Redrives;
import com.podflow.events.Topics;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.ledger.messaging.StalledCheck;
import com.podflow.ledger.persistence.LedgerRepository;

/**
 * Issue 11 items 3, 4, 6 through a real broker and database: an order whose files validator never answers is listed
 * as stalled with what it waits for, announced once on orders.status, and failed with validator_timeout later.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class StalledFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static String clientId = "client-" + UUID.randomUUID();

    @Inject
    StalledCheck check;

    @Inject
    LedgerRepository repository;

    static void send(String topic, OrderEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", clientId, 1, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
    }

    static Order order(String reference) {
        return new Order(reference, "order", null, "EUR", null, null, "normal", null, null, List.of(), null, null);
    }

    static List<OrderStatusChanged> changes(String orderId, int expected) {
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_STATUS,
                r -> orderId.equals(r.key()), expected, WAIT);
        return records.stream().map(r -> (OrderStatusChanged) EventCodec.decode(r.value()).data()).toList();
    }

    @Test
    void anOrderWithoutItsFilesResultIsStalledOnceThenTimesOut() {
        // given an order three validators passed; file-fetcher never answers
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, clientId, 1, "api", order("ref-stalled"), now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.DATA, now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, now));
        await().atMost(WAIT).until(() -> repository.eventTypes(orderId).await().indefinitely().size() == 4);
        assertThat(stalledIds()).doesNotContain(orderId);

        // when the check runs past the received limit (10 min), twice
        Instant later = now.plus(Duration.ofMinutes(11));
        check.check(later).await().atMost(WAIT);
        check.check(later).await().atMost(WAIT);

        // then it is listed with what it waits for
        JsonPath stalled = given().get("/internal/v1/orders/stalled?limit=500").then().statusCode(200).extract()
                .jsonPath();
        String mine = "orders.find { it.id == '" + orderId + "' }";
        assertThat(stalled.getString(mine + ".fulfillmentStatus")).isEqualTo("received");
        assertThat(stalled.getString(mine + ".clientId")).isEqualTo(clientId);
        assertThat(stalled.getList(mine + ".waitingFor.input")).containsExactly("validator");
        assertThat(stalled.getList(mine + ".waitingFor.source")).containsExactly("files");
        assertThat(stalled.getList(mine + ".waitingFor.detail", String.class)).singleElement().asString()
                .startsWith("validator files for attempt 1: none for ");

        // and announced once on orders.status: the same status again, cause order_stalled
        List<OrderStatusChanged> changes = changes(orderId, 2);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).status().wireName()).isEqualTo("received");
        assertThat(changes.get(1).previousStatus().wireName()).isEqualTo("received");
        assertThat(changes.get(1).cause()).startsWith("order_stalled: received at attempt 1")
                .contains("waiting for validator files for attempt 1");
        assertThat(repository.eventTypes(orderId).await().indefinitely()).containsExactly("order.received",
                "order.validation-passed", "order.validation-passed", "order.validation-passed", "order.stalled");

        // when the validator timeout (1 h) has passed too
        check.check(now.plus(Duration.ofMinutes(61))).await().atMost(WAIT);

        // then the attempt fails visibly, naming the validator, and is no longer listed
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200)
                .body("fulfillmentStatus", equalTo("failed"))
                .body("refusalReasonCode", equalTo("validator_timeout"))
                .body("refusalReason", equalTo("validator 'files' did not report attempt 1 within PT1H")));
        assertThat(changes(orderId, 3)).extracting(c -> c.status().wireName()).containsExactly("received",
                "received", "failed");
        assertThat(stalledIds()).doesNotContain(orderId);
    }

    @Test
    void theProductionRequestOfAnUnconfirmedOrderIsReDrivenUnderOneIdUntilTheFacilityConfirms() {
        // given a created order its facility has not confirmed
        String orderId = ProductionFlowTest.created("ref-redrive");
        given().get("/internal/v1/support/orders/{id}/waiting-for", orderId).then().statusCode(200)
                .body("fulfillmentStatus", equalTo("created"))
                .body("waitingFor[0].input", equalTo("facility_receipt"))
                .body("waitingFor[0].source", equalTo(ProductionFlowTest.FACILITY));

        // when re-driven twice
        String first = given().post("/internal/v1/support/orders/{id}/redrive/production", orderId).then()
                .statusCode(202).body("facilityId", equalTo(ProductionFlowTest.FACILITY)).extract().path("eventId");
        String second = given().post("/internal/v1/support/orders/{id}/redrive/production", orderId).then()
                .statusCode(202).extract().path("eventId");

        // then the same request again on orders.production, under one derived id
        assertThat(second).isEqualTo(first);
        List<ConsumerRecord<String, String>> feed = kafka().await(Topics.ORDERS_PRODUCTION,
                r -> orderId.equals(r.key()), 3, WAIT);
        assertThat(feed).hasSize(3);
        EventEnvelope original = EventCodec.decode(feed.get(0).value());
        EventEnvelope redriven = EventCodec.decode(feed.get(1).value());
        assertThat(redriven.id()).isEqualTo(first).isNotEqualTo(original.id());
        assertThat(redriven.data()).isEqualTo(original.data());
        assertThat(EventCodec.decode(feed.get(2).value()).id()).isEqualTo(first);

        // when the facility confirms, nothing is awaited any more
        ProductionFlowTest.report(orderId, "r-accepted", com.podflow.events.ProductionReported.Kind.ACCEPTED, null,
                null);
        await().atMost(WAIT).untilAsserted(() -> given()
                .post("/internal/v1/support/orders/{id}/redrive/production", orderId).then().statusCode(409));
        given().get("/internal/v1/support/orders/{id}/waiting-for", orderId).then().statusCode(200)
                .body("waitingFor[0].input", equalTo("facility_progress"));
        given().post("/internal/v1/support/orders/{id}/redrive/production", "no-such-order").then().statusCode(404);
        given().get("/internal/v1/support/orders/{id}/waiting-for", "no-such-order").then().statusCode(404);
    }

    @Test
    void aReDrivenValidatorAndTheLateOriginalAnswerCountOnce() {
        // given an order waiting for files
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        var received = new OrderReceived(orderId, clientId, 1, "api", order("ref-redriven"), now);
        send(Topics.ORDERS_INTAKE, received);
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.DATA, now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, now));

        // when intake re-drives files (the same attempt again, addressed to files), file-fetcher answers it, and
        // the original answer turns up late too
        EventEnvelope redrive = EventEnvelope.withId(Redrives.eventId(orderId, 1, Validators.FILES), received,
                Redrives.source(Validators.FILES), clientId, 1, null);
        kafka().send(Topics.ORDERS_INTAKE, redrive.key(), EventCodec.encode(redrive));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.FILES, now.plusSeconds(1)));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.FILES, now.plusSeconds(2)));

        // then the order is created once: every status once on orders.status, the second answer a note
        await().atMost(WAIT).until(() -> repository.eventTypes(orderId).await().indefinitely().size() == 7);
        given().get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId).then().statusCode(200)
                .body("fulfillmentStatus", equalTo("created"))
                .body("notes.text", org.hamcrest.Matchers.hasItem(
                        "late result: validator 'files' passed attempt 1 after it was decided; not counted"));
        assertThat(changes(orderId, 3)).extracting(c -> c.status().wireName()).containsExactly("received", "passed",
                "created");
        assertThat(kafka().readToEnd(Topics.ORDERS_STATUS, r -> orderId.equals(r.key()))).hasSize(3);
        assertThat(kafka().readToEnd(Topics.ORDERS_PRODUCTION, r -> orderId.equals(r.key()))).hasSize(1);
    }

    @Test
    void aBadLimitIsA400NamingIt() {
        given().get("/internal/v1/orders/stalled?limit=0").then().statusCode(400)
                .body("message", equalTo("limit must be between 1 and 500"));
    }

    static List<String> stalledIds() {
        return given().get("/internal/v1/orders/stalled?limit=500").then().statusCode(200).extract().jsonPath()
                .getList("orders.id");
    }
}
